from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Item


def get_items(db: Session):
    return db.query(Item).all()


def get_items_page(db: Session, skip: int = 0, limit: int = 100):
    return db.query(Item).offset(skip).limit(limit).all()


def search_items(db: Session, title: str):
    return db.scalars(select(Item).where(Item.title == title)).all()
