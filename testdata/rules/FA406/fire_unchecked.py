from typing import Optional

from fastapi import Depends, FastAPI, HTTPException, status
from pydantic import BaseModel
from sqlalchemy import Column, ForeignKey, Integer, String, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()
app = FastAPI()
fake_items = {"foo": {"name": "Foo"}}


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    team_id = Column(Integer, ForeignKey("teams.id"))


class UserOut(BaseModel):
    id: int
    name: str


def get_db() -> Session:
    ...


async def get_async_db() -> AsyncSession:
    ...


def find_user(db: Session, user_id: int) -> Optional[User]:
    return db.get(User, user_id)


@app.get("/users/{user_id}", response_model=UserOut)
def read_user(user_id: int, db: Session = Depends(get_db)):
    user = db.query(User).filter(User.id == user_id).first()
    return user  # want: FA406


@app.get("/users/{user_id}/name")
def read_user_name(user_id: int, db: Session = Depends(get_db)):
    user = db.get(User, user_id)
    name = user.name  # want: FA406
    if user is None:
        return {"name": None}
    return {"name": name}


@app.get("/async/{user_id}")
async def read_async(user_id: int, db: AsyncSession = Depends(get_async_db)):
    result = await db.execute(select(User).where(User.id == user_id))
    user = result.scalar_one_or_none()
    return {"team": user.team_id}  # want: FA406


@app.get("/scalar/{user_id}")
async def read_scalar(user_id: int, db: AsyncSession = Depends(get_async_db)):
    user = await db.scalar(select(User).where(User.id == user_id))
    return {"name": user.name}  # want: FA406


@app.get("/items/{item_id}")
def read_item(item_id: str):
    item = fake_items.get(item_id)
    return {"name": item["name"]}  # want: FA406


@app.get("/inline/{user_id}")
def read_inline(user_id: int, db: Session = Depends(get_db)):
    return {"name": db.get(User, user_id).name}  # want: FA406


@app.get("/helper/{user_id}")
def read_via_helper(user_id: int, db: Session = Depends(get_db)):
    user = find_user(db, user_id)
    return {"id": user.id}  # want: FA406


@app.get("/direct/{user_id}", response_model=UserOut)
def read_direct(user_id: int, db: Session = Depends(get_db)):
    return db.query(User).filter(User.id == user_id).one_or_none()  # want: FA406


@app.get("/guard-in-other-branch/{user_id}")
def read_branch(user_id: int, flag: bool, db: Session = Depends(get_db)):
    user = db.get(User, user_id)
    if flag:
        if user is None:
            return {"missing": True}
    return {"name": user.name}  # want: FA406


def get_team_member(user_id: int, db: Session = Depends(get_db)):
    user = db.get(User, user_id)
    return user.team_id  # want: FA406


@app.get("/team")
def team(team_id: int = Depends(get_team_member)):
    return {"team": team_id}


@app.get("/shadow/{user_id}")
def read_shadow(user_id: int, db: Session = Depends(get_db)):
    status = db.get(User, user_id)
    if not status:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND)  # want: FA406
    return {"name": status.name}


@app.get("/wrapped/{user_id}")
def wrapped(user_id: int, db: Session = Depends(get_db)):
    try:
        user = db.get(User, user_id)
        return {"name": user.name}  # want: FA406
    except Exception as e:
        raise HTTPException(status_code=500, detail="failed") from e
