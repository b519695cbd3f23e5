from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel
from sqlalchemy import Boolean, Column, Integer, String
from sqlalchemy.orm import DeclarativeBase, Session

router = APIRouter()


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String)
    is_admin = Column(Boolean, default=False)


class UserBase(BaseModel):
    email: str


class UserCreate(UserBase):
    password: str
    is_admin: bool = False


class ProfileUpdate(BaseModel):
    bio: str | None = None
    role: str = "user"


def get_db():
    yield None


def get_current_user():
    return None


@router.post("/users")
def signup(body: UserCreate, db: Session = Depends(get_db)):  # want: FA222
    return body


@router.patch("/me")
def update_me(changes: ProfileUpdate, user=Depends(get_current_user)):  # want: FA222
    return changes


@router.post("/raw")
async def create_raw(request: Request, db: Session = Depends(get_db)):
    data = await request.json()
    user = User(**data)  # want: FA222
    db.add(user)


@router.put("/raw2")
def create_raw2(payload: dict[str, Any], db: Session = Depends(get_db)):
    db.add(User(**payload))  # want: FA222
