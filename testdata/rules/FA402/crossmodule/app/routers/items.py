from fastapi import APIRouter, Depends, status

from app import crud
from app.database import get_db, get_tag_set

router = APIRouter(prefix="/items")


@router.post("/")  # want: FA402
def create_item(item: ItemIn, db=Depends(get_db)):
    db.add(Item(**item.model_dump()))
    db.flush()
    return item


@router.post("/bulk")  # want: FA402
def bulk_create(items: list[ItemIn], db=Depends(get_db)):
    return crud.create_items(db, items)


@router.post("/with-status", status_code=status.HTTP_201_CREATED)
def create_item_201(item: ItemIn, db=Depends(get_db)):
    db.add(Item(**item.model_dump()))
    return item


@router.post("/search")
def search(q: str, db=Depends(get_db)):
    return db.execute(q).all()


@router.post("/{item_id}/seen")
def mark_seen(item_id: int, tags=Depends(get_tag_set)):
    tags.add(item_id)
    return {"seen": item_id}
