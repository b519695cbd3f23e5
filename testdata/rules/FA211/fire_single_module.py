from typing import Optional

from fastapi import Depends, FastAPI
from sqlalchemy import Column, Integer, String
from sqlalchemy.ext.declarative import declarative_base
from sqlmodel import Field, Session, SQLModel, select

Base = declarative_base()
app = FastAPI()


class Account(Base):
    __tablename__ = "accounts"
    id = Column(Integer, primary_key=True)
    username = Column(String)
    password = Column(String)
    api_key = Column(String)


class HeroBase(SQLModel):
    name: str


class Hero(HeroBase, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    hashed_password: str


class HeroWithSecret(HeroBase):
    api_secret: str


def get_session():
    with Session() as session:
        yield session


@app.get("/accounts/{account_id}")
def read_account(account_id: int, db=Depends(get_session)):
    return db.query(Account).filter(Account.id == account_id).one()  # want: FA211


@app.get("/accounts/new")
def new_account():
    account = Account(username="x")
    return account  # want: FA211


@app.get("/heroes/{hero_id}")
def read_hero(hero_id: int, session: Session = Depends(get_session)):
    return session.get(Hero, hero_id)  # want: FA211


@app.get("/heroes")
def list_heroes(session: Session = Depends(get_session)):
    heroes = session.exec(select(Hero)).all()
    return heroes  # want: FA211


@app.get("/heroes/first")
def first_hero(session: Session = Depends(get_session)) -> Hero:
    return session.exec(select(Hero)).first()  # want: FA211


@app.get("/heroes/secret/{hero_id}", response_model=Optional[HeroWithSecret])
def read_hero_secret(hero_id: int, session: Session = Depends(get_session)):
    if hero_id < 0:
        return None
    return session.get(Hero, hero_id)  # want: FA211


@app.put("/accounts/{account_id}/password")
def change_password(account_id: int, new_password: str):
    return {"id": account_id, "password": new_password}  # want: FA211


@app.get("/accounts/{account_id}/maybe")
def maybe_account(account_id: int, db=Depends(get_session)):
    account = db.get(Account, account_id)
    return account if account else {"missing": True}  # want: FA211
