from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, text, update
from sqlalchemy.orm import DeclarativeBase, Session

router = APIRouter()
metadata = MetaData()
users_table = Table("users", metadata, Column("id", Integer), Column("password", String))


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String)
    password = Column(String)
    hashed_password = Column(String)


class UserCreate(BaseModel):
    email: str
    password: str


class PasswordChange(BaseModel):
    old_password: str
    new_password: str


def get_db():
    yield Session()


def fake_hash_password(password: str) -> str:
    return "fakehashed" + password


@router.post("/users")
def create_user(body: UserCreate, db: Session = Depends(get_db)):
    user = User(email=body.email, hashed_password=body.password)  # want: FA203
    db.add(user)
    db.commit()
    return {"id": user.id}


@router.post("/users/splat")
def create_user_splat(body: UserCreate, db: Session = Depends(get_db)):
    db.add(User(**body.model_dump()))  # want: FA203
    db.commit()


@router.post("/users/dict")
def create_user_dict(body: UserCreate, db: Session = Depends(get_db)):
    data = body.dict()
    db.add(User(**data))  # want: FA203


def create_user_crud(db: Session, user: UserCreate):
    fake_hashed_password = user.password + "notreallyhashed"
    db_user = User(email=user.email, hashed_password=fake_hashed_password)  # want: FA203
    db.add(db_user)
    return db_user


@router.post("/register")
def register(email: Annotated[str, Form()], password: Annotated[str, Form()], db: Session = Depends(get_db)):
    hashed = fake_hash_password(password)
    db.add(User(email=email, hashed_password=hashed))  # want: FA203


@router.post("/token-signup")
def signup(form_data: Annotated[OAuth2PasswordRequestForm, Depends()], db: Session = Depends(get_db)):
    db.add(User(email=form_data.username, password=form_data.password.strip()))  # want: FA203


@router.put("/me/password")
def change_password(body: PasswordChange, db: Session = Depends(get_db)):
    user = db.query(User).filter(User.id == 1).first()
    user.hashed_password = body.new_password  # want: FA203
    user.password = body.new_password  # want: FA203
    setattr(user, "hashed_password", body.new_password)  # want: FA203
    db.commit()


@router.post("/users/raw")
async def create_raw(request: Request, db: Session = Depends(get_db)):
    payload = await request.json()
    db.add(User(email=payload["email"], password=payload["password"]))  # want: FA203


@router.post("/users/core")
def create_core(body: UserCreate, db: Session = Depends(get_db)):
    db.execute(insert(users_table).values(email=body.email, password=body.password))  # want: FA203
    db.execute(users_table.update().values({"password": body.password}))  # want: FA203
    db.execute(update(User).values(**body.model_dump()))  # want: FA203
    db.execute(text("INSERT INTO users (email, password) VALUES (:e, :p)"), {"e": body.email, "p": body.password})  # want: FA203


@router.post("/users/cursor")
def create_cursor(username: str, password: str, conn=Depends(get_db)):
    cur = conn.cursor()
    cur.execute("INSERT INTO users (username, password) VALUES (%s, %s)", (username, password))  # want: FA203


@router.post("/users/mongo")
async def create_mongo(body: UserCreate, db=Depends(get_db)):
    await db.users.insert_one({"email": body.email, "password": body.password})  # want: FA203
    await db.users.insert_one(body.model_dump())  # want: FA203
    await db.users.update_one({"email": body.email}, {"$set": {"password": body.password}})  # want: FA203


@router.post("/users/sqlmodel")
def create_sqlmodel(body: UserCreate, db: Session = Depends(get_db)):
    db.add(User.model_validate(body))  # want: FA203
