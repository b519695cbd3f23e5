import hashlib
from typing import Annotated

import bcrypt
from argon2 import PasswordHasher
from fastapi import APIRouter, Depends, Form
from passlib.context import CryptContext
from pydantic import BaseModel
from sqlalchemy import Column, Integer, String, text
from sqlalchemy.orm import DeclarativeBase, Session

router = APIRouter()
pwd_context = CryptContext(schemes=["bcrypt"], deprecated="auto")
ph = PasswordHasher()


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String)
    hashed_password = Column(String)


class LegacyUser(Base):
    __tablename__ = "legacy_users"
    id = Column(Integer, primary_key=True)
    password = Column(String)


class UserCreate(BaseModel):
    email: str
    password: str


class UserInDB(BaseModel):
    email: str
    hashed_password: str


class SMTPClient:
    def __init__(self, host: str, password: str):
        self.host = host
        self.password = password


def get_db():
    yield Session()


def get_current_user():
    return User()


def get_password_hash(password: str) -> str:
    return pwd_context.hash(password)


@router.post("/users")
def create_user(body: UserCreate, db: Session = Depends(get_db)):
    user = User(email=body.email, hashed_password=pwd_context.hash(body.password))
    db.add(user)
    db.add(User(email=body.email, hashed_password=get_password_hash(body.password)))
    db.add(User(email=body.email, hashed_password=bcrypt.hashpw(body.password.encode(), bcrypt.gensalt()).decode()))
    db.add(User(email=body.email, hashed_password=ph.hash(body.password)))
    # hashlib is a weak hash (FA206), not plain text
    db.add(User(email=body.email, hashed_password=hashlib.sha256(body.password.encode()).hexdigest()))


@router.post("/users/splat")
def create_user_splat(body: UserCreate, db: Session = Depends(get_db)):
    # the ORM model has no `password` column: the field does not land anywhere
    db.add(User(**body.model_dump()))
    db.add(LegacyUser(**body.model_dump(exclude={"password"}), id=1))
    data = body.dict()
    data["password"] = get_password_hash(body.password)
    db.add(LegacyUser(**data))
    data2 = body.dict()
    del data2["password"]
    db.add(LegacyUser(**data2))


@router.post("/users/rebound")
def create_rebound(email: Annotated[str, Form()], password: Annotated[str, Form()], db: Session = Depends(get_db)):
    password = get_password_hash(password)
    db.add(User(email=email, hashed_password=password))


def user_in_db(user: UserCreate) -> UserInDB:
    # a pydantic model, not a table
    return UserInDB(**user.model_dump(), hashed_password=get_password_hash(user.password))


@router.put("/me/password")
def change_password(new_password: str, db: Session = Depends(get_db), current_user: User = Depends(get_current_user)):
    current_user.hashed_password = get_password_hash(new_password)
    backup = User()
    backup.hashed_password = current_user.hashed_password
    db.commit()


@router.post("/mail")
def configure_mail(host: str, password: str):
    client = SMTPClient(host, password)  # not an ORM model
    client.password = password
    return {"ok": True}


@router.post("/login")
def login(email: str, password: str, db: Session = Depends(get_db)):
    # reading, not writing
    row = db.execute(text("SELECT id FROM users WHERE email = :e AND password = :p"), {"e": email, "p": password})
    return row


@router.post("/users/mongo")
async def create_mongo(body: UserCreate, db=Depends(get_db)):
    await db.users.insert_one({"email": body.email, "hashed_password": get_password_hash(body.password)})
    await db.users.insert_one(body.model_dump(exclude={"password"}))
    await db.users.insert_one({"email": body.email, "password_length": len(body.password)})


class UserFlags(BaseModel):
    email: str
    needs_to_change_password: bool = False


class FlaggedUser(Base):
    __tablename__ = "flagged_users"
    id = Column(Integer, primary_key=True)
    email = Column(String)
    needs_to_change_password = Column(Integer)


@router.post("/flagged")
def create_flagged(body: UserFlags, db: Session = Depends(get_db)):
    db.add(FlaggedUser(**body.model_dump()))
