from typing import Any, Optional

from fastapi import Depends, FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import DeclarativeBase, Session
from sqlmodel import Field, SQLModel, select

app = FastAPI()


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"
    id = Column(Integer, primary_key=True)
    username = Column(String)
    hashed_password = Column(String)


class Post(Base):
    __tablename__ = "posts"
    id = Column(Integer, primary_key=True)
    title = Column(String)
    token_count = Column(Integer)


class Hero(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str
    hashed_password: str


class HeroPublic(SQLModel):
    id: int
    name: str


class AccountOut(BaseModel):
    id: int
    username: str
    needs_to_change_password: bool = False
    must_reset_password: bool = False
    password_changed_at: str | None = None


class Token(BaseModel):
    access_token: str
    token_type: str


class PlainAccount:
    # not an ORM model
    password = None


def get_db():
    yield Session()


# Response models without the sensitive fields filter them.
@app.get("/accounts/{account_id}", response_model=AccountOut)
def read_account(account_id: int, db: Session = Depends(get_db)):
    return db.get(Account, account_id)


@app.get("/accounts")
def list_accounts(db: Session = Depends(get_db)) -> list[AccountOut]:
    return db.query(Account).all()


@app.get("/heroes/{hero_id}", response_model=HeroPublic)
def read_hero(hero_id: int, db: Session = Depends(get_db)):
    return db.get(Hero, hero_id)


# Token endpoints return tokens on purpose.
@app.post("/token", response_model=Token)
def login():
    return {"access_token": "abc", "token_type": "bearer"}


@app.post("/login")
def login_plain(db: Session = Depends(get_db)):
    return {"access_token": "abc", "refresh_token": "def", "token_type": "bearer"}


@app.post("/api-keys")
def create_key():
    key = PlainAccount()
    return {"token": key.password, "secret": key.password}


# Models without sensitive fields.
@app.get("/posts/{post_id}")
def read_post(post_id: int, db: Session = Depends(get_db)):
    return db.get(Post, post_id)


# Not ORM objects, and dict keys that are not secrets.
@app.get("/plain")
def plain() -> Any:
    return PlainAccount()


@app.get("/status")
def status(db: Session = Depends(get_db)):
    account = db.get(Account, 1)
    return {"username": account.username, "password_set": account.hashed_password is not None, "password": None}


@app.get("/json/{account_id}")
def read_json(account_id: int, db: Session = Depends(get_db)):
    account = db.get(Account, account_id)
    return JSONResponse(content={"id": account.id, "username": account.username})


# Selected columns are not the ORM object.
@app.get("/names")
def names(db: Session = Depends(get_db)):
    return db.query(Account.username).all()


@app.websocket("/ws")
async def ws(websocket, db: Session = Depends(get_db)):
    return db.get(Account, 1)


def not_a_handler(db: Session):
    return db.get(Account, 1)
