import sqlite3

import pandas as pd
from fastapi import APIRouter, Depends, Request
from sqlalchemy import literal_column, select, text
from sqlalchemy.orm import Session

router = APIRouter()


def get_db():
    yield Session()


@router.get("/users")
def search(name: str, db: Session = Depends(get_db)):
    return db.execute(text(f"SELECT * FROM users WHERE name = '{name}'")).all()  # want: FA209


@router.get("/users/percent")
def search_percent(name: str, db: Session = Depends(get_db)):
    sql = "SELECT * FROM users WHERE name = '%s'" % name
    return db.execute(text(sql)).all()  # want: FA209


@router.get("/users/format")
def search_format(email: str, db: Session = Depends(get_db)):
    query = "SELECT id FROM users WHERE email = '{}'".format(email)
    return db.execute(query).all()  # want: FA209


@router.get("/users/concat")
def search_concat(name: str):
    conn = sqlite3.connect("app.db")
    cur = conn.cursor()
    cur.execute("SELECT * FROM users WHERE name = '" + name + "'")  # want: FA209
    return cur.fetchall()


@router.get("/users/filters")
def search_filters(name: str | None = None, role: str | None = None, db: Session = Depends(get_db)):
    conditions = []
    if name:
        conditions.append(f"name = '{name}'")
    if role:
        conditions.append("role = :role")
    sql = "SELECT * FROM users WHERE " + " AND ".join(conditions)
    return db.execute(text(sql), {"role": role}).all()  # want: FA209


@router.get("/users/sorted")
def sorted_users(sort: str, db: Session = Depends(get_db)):
    return db.query(select(1)).order_by(text(f"{sort} DESC")).all()  # want: FA209


@router.get("/users/column")
def column(col: str, db: Session = Depends(get_db)):
    return db.execute(select(literal_column(col + " AS c"))).all()  # want: FA209


@router.get("/report")
def report(table: str):
    return pd.read_sql(f"SELECT * FROM {table}", "sqlite:///app.db")  # want: FA209


@router.delete("/users/{user_id}")
async def delete_user(user_id: str, request: Request, conn=Depends(get_db)):
    q = "DELETE FROM users WHERE id = "
    q += user_id
    await conn.execute(q)  # want: FA209


@router.get("/driver")
async def driver(name: str, conn=Depends(get_db)):
    return await conn.fetch(f"SELECT * FROM users WHERE name = '{name}'")  # want: FA209


@router.get("/raw")
def raw(name: str, db: Session = Depends(get_db)):
    return db.connection().exec_driver_sql("SELECT * FROM users WHERE name = '%s'" % (name,))  # want: FA209


class Filters:
    def __init__(self, q: str = ""):
        self.q = q


@router.get("/filtered")
def filtered(request: Request, filters: Filters = Depends(), db: Session = Depends(get_db)):
    sort = request.query_params.get("sort", "id")
    db.execute(text(f"SELECT * FROM users ORDER BY {sort}"))  # want: FA209
    return db.execute(text(f"SELECT * FROM users WHERE name LIKE '%{filters.q}%'")).all()  # want: FA209


@router.post("/search")
async def search_json(request: Request, db: Session = Depends(get_db)):
    payload = await request.json()
    where = "name = '" + payload["name"] + "'"
    return db.execute(text("SELECT * FROM users WHERE " + where)).all()  # want: FA209
