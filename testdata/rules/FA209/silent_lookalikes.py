import enum
from typing import Literal
from uuid import UUID

from fastapi import APIRouter, Depends
from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

router = APIRouter()
TABLE = "users"
SORT_COLUMNS = {"name": "name", "created": "created_at"}
ALLOWED = ("name", "email")


class Settings:
    DB_SCHEMA = "public"


settings = Settings()


def get_db():
    yield Session()


@router.get("/users")
def search(name: str, db: Session = Depends(get_db)):
    return db.execute(text("SELECT * FROM users WHERE name = :name"), {"name": name}).all()


@router.get("/users/bind")
def search_bind(name: str, db: Session = Depends(get_db)):
    stmt = text("SELECT * FROM users WHERE name = :name").bindparams(bindparam("name", value=name))
    return db.execute(stmt).all()


@router.get("/users/table")
def from_table(limit: int, db: Session = Depends(get_db)):
    return db.execute(text(f"SELECT * FROM {TABLE} LIMIT {limit}")).all()


@router.get("/users/sorted")
def sorted_users(sort: str, desc: bool = False, db: Session = Depends(get_db)):
    direction = "DESC" if desc else "ASC"
    return db.execute(text(f"SELECT * FROM users ORDER BY {SORT_COLUMNS[sort]} {direction}")).all()


@router.get("/users/order")
def ordered(order: Literal["asc", "desc"], user_id: UUID, db: Session = Depends(get_db)):
    return db.execute(text(f"SELECT * FROM users WHERE id = '{user_id}' ORDER BY name {order}")).all()


@router.get("/users/in")
def many(ids: list[int], db: Session = Depends(get_db)):
    placeholders = ", ".join(["%s"] * len(ids))
    named = ", ".join(f":id{i}" for i in range(len(ids)))
    db.execute(text(f"SELECT * FROM users WHERE id IN ({named})"), {f"id{i}": v for i, v in enumerate(ids)})
    return db.execute(f"SELECT * FROM users WHERE id IN ({placeholders})", ids).all()


@router.get("/users/columns")
def columns(db: Session = Depends(get_db)):
    cols = ", ".join(ALLOWED)
    for col in ALLOWED:
        db.execute(text(f"SELECT {col} FROM users"))
    return db.execute(text(f"SELECT {cols} FROM {settings.DB_SCHEMA}.users")).all()


class Repo:
    table = "items"

    def all(self, db: Session):
        return db.execute(text(f"SELECT * FROM {self.table}")).all()


def migrate(op):
    op.execute(f"ALTER TABLE {TABLE} ADD COLUMN age INTEGER")


def log_message(name: str, logger):
    logger.execute(f"hello {name}")  # not SQL


def build_where(filters: dict) -> str:
    return " AND ".join(f"{k} = :{k}" for k in filters if k in ALLOWED)


@router.get("/users/helper")
def with_helper(name: str, db: Session = Depends(get_db)):
    where = build_where({"name": name})
    return db.execute(text("SELECT * FROM users WHERE " + where), {"name": name}).all()
