from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy import Column, Integer, String, func, select
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()
router = APIRouter()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    team_id = Column(Integer)


class Pagination:
    def __init__(self, page: int = 1, size: int = 20):
        self.page, self.size = page, size


def get_db() -> Session:
    ...


@router.get("/users")
def list_users(db: Session = Depends(get_db), skip: int = 0, limit: Annotated[int, Query(le=100)] = 20):
    return db.query(User).offset(skip).limit(limit).all()


@router.get("/users-limited")
def list_users_limited(db: Session = Depends(get_db)):
    return db.scalars(select(User).limit(100)).all()


@router.get("/users-paged")
def list_users_paged(db: Session = Depends(get_db), pagination: Pagination = Depends()):
    return db.query(User).all()


@router.get("/teams/{team_id}/users")
def team_users(team_id: int, db: Session = Depends(get_db)):
    # Criteria: not every row of the table.
    return db.query(User).filter(User.team_id == team_id).all()


@router.get("/users/count")
def count_users(db: Session = Depends(get_db)):
    users = db.query(User).all()
    return {"count": len(users)}


@router.get("/users/total")
def total(db: Session = Depends(get_db)):
    return {"total": db.scalar(select(func.count()).select_from(User))}


@router.post("/users/export")
def export_users(db: Session = Depends(get_db)):
    return db.query(User).all()  # not a GET


def all_users(db: Session):
    return db.query(User).all()  # not a handler
