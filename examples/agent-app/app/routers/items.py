import logging
from typing import List

import requests
from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session

from .. import models, schemas
from ..auth import get_current_active_user
from ..database import get_db

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/items", tags=["items"])

EXCHANGE_API_URL = "https://api.exchangerate.host/latest"


@router.post("/", response_model=schemas.Item)
def create_item(
    item: schemas.ItemCreate,
    db: Session = Depends(get_db),
    current_user: models.User = Depends(get_current_active_user),
):
    """Create a new item owned by the current user."""
    db_item = models.Item(**item.model_dump(), owner_id=current_user.id)
    db.add(db_item)
    db.commit()
    db.refresh(db_item)
    logger.info("Item %s created by %s", db_item.id, current_user.username)
    return db_item


@router.get("/", response_model=List[schemas.Item])
def read_items(skip: int = 0, limit: int = 20, db: Session = Depends(get_db)):
    """List published items."""
    return (
        db.query(models.Item)
        .filter(models.Item.is_published.is_(True))
        .offset(skip)
        .limit(limit)
        .all()
    )


@router.get("/by-owner")
def items_grouped_by_owner(db: Session = Depends(get_db)):
    """Return every user with the titles of their items."""
    users = db.query(models.User).filter(models.User.is_active.is_(True)).limit(50).all()
    result = []
    for user in users:
        items = db.query(models.Item).filter(models.Item.owner_id == user.id).all()
        result.append({"owner": user.username, "items": [i.title for i in items]})
    return result


@router.get("/{item_id}", response_model=schemas.Item)
async def read_item(item_id: int, db=Depends(get_db)):
    """Get a single item."""
    item = db.query(models.Item).filter(models.Item.id == item_id).first()
    if item is None:
        raise HTTPException(status_code=404, detail="Item not found")
    return item


@router.get("/{item_id}/price")
async def get_item_price(item_id: int, currency: str = "EUR", db: Session = Depends(get_db)):
    """Return the item price converted to another currency."""
    item = db.get(models.Item, item_id)
    if item is None:
        raise HTTPException(status_code=404, detail="Item not found")
    resp = requests.get(EXCHANGE_API_URL, params={"base": "USD", "symbols": currency}, timeout=5)
    rate = resp.json()["rates"][currency]
    return {"item_id": item.id, "currency": currency, "price": float(item.price) * rate}


@router.put("/{item_id}")
def update_item(
    item_id: int,
    item_in: schemas.ItemUpdate,
    db: Session = Depends(get_db),
    current_user: models.User = Depends(get_current_active_user),
):
    """Update an item (owner only)."""
    db_item = db.get(models.Item, item_id)
    if db_item is None:
        return {"error": "Item not found"}
    if db_item.owner_id != current_user.id:
        raise HTTPException(status_code=403, detail="Not enough permissions")
    for field, value in item_in.model_dump(exclude_unset=True).items():
        setattr(db_item, field, value)
    db.commit()
    db.refresh(db_item)
    return db_item


@router.delete("/{item_id}", status_code=204)
def delete_item(
    item_id: int,
    db: Session = Depends(get_db),
    current_user: models.User = Depends(get_current_active_user),
):
    """Delete an item (owner only)."""
    db_item = db.get(models.Item, item_id)
    if db_item is None or db_item.owner_id != current_user.id:
        raise HTTPException(status_code=404, detail="Item not found")
    db.delete(db_item)
    db.commit()
