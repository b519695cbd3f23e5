import hashlib
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel

router = APIRouter()
users = {}
fake_users_db = {}


class LoginBody(BaseModel):
    email: str
    password: str


def fake_hash_password(password: str) -> str:
    return "fakehashed" + password


def authenticate(db, email: str, password: str):
    user = db.get(email)
    if user.password == password:  # want: FA204
        return user
    return None


@router.post("/login")
def login(body: LoginBody, db=Depends(lambda: None)):
    user = db.get(body.email)
    if not user or user.password != body.password:  # want: FA204
        raise HTTPException(status_code=401)
    return user


@router.post("/token")
async def token(form_data: Annotated[OAuth2PasswordRequestForm, Depends()]):
    user = fake_users_db.get(form_data.username)
    hashed_password = fake_hash_password(form_data.password)
    if not hashed_password == user["hashed_password"]:  # want: FA204
        raise HTTPException(status_code=400)
    if form_data.password != user.get("hashed_password"):  # want: FA204
        raise HTTPException(status_code=400)
    return {"access_token": user["username"]}


def check_dict(email: str, password: str) -> bool:
    return users[email] == password  # want: FA204


def check_nested(username: str, password: str) -> bool:
    return fake_users_db[username]["password"] == password  # want: FA204


def check_hash(db_user, form_data) -> bool:
    return form_data.password != db_user.hashed_password  # want: FA204


def check_sha(user, plain: str) -> bool:
    return user.password_hash == hashlib.sha256(plain.encode()).hexdigest()  # want: FA204


def check_bytes(stored, candidate) -> bool:
    return stored.password.encode() == candidate.password.encode()  # want: FA204


def verify_plain(plain_password: str, stored_password: str) -> bool:
    return plain_password == stored_password  # want: FA204


@router.post("/change-password")
def change_password(old_password: str, current_user=Depends(lambda: None)):
    if (
        current_user.password != old_password  # want: FA204
    ):
        raise HTTPException(status_code=403)
    return {}
