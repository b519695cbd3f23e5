from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ..database import get_db

router = APIRouter(tags=["orders"])


@router.post("/", status_code=201)
def create_order(db: Session = Depends(get_db)):
    return {}


@router.patch("/{order_id}")
def update_order(order_id: int, db: Session = Depends(get_db)):
    return {}
