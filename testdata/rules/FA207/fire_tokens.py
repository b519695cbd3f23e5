import base64
import random
import string
import time
import uuid
from random import choice
from typing import Annotated

from fastapi import APIRouter, Depends, Response
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel

router = APIRouter()


class Token(BaseModel):
    access_token: str
    token_type: str


def authenticate(username: str, password: str):
    return None


@router.post("/token")
async def login(form_data: Annotated[OAuth2PasswordRequestForm, Depends()]):
    user = authenticate(form_data.username, form_data.password)
    return {"access_token": user.username, "token_type": "bearer"}  # want: FA207


@router.post("/token2")
async def login2(form_data: Annotated[OAuth2PasswordRequestForm, Depends()]):
    return Token(access_token=form_data.username, token_type="bearer")  # want: FA207


@router.post("/token3")
async def login3(form_data: Annotated[OAuth2PasswordRequestForm, Depends()]):
    raw = f"{form_data.username}:{int(time.time())}"
    token = base64.b64encode(raw.encode()).decode()  # want: FA207
    return {"access_token": token, "token_type": "bearer"}


@router.post("/session")
def create_session(username: str, response: Response):
    response.set_cookie(key="session", value=username)  # want: FA207
    session_token = str(uuid.uuid1())  # want: FA207
    return {"session_token": session_token}


def generate_reset_token() -> str:
    return "".join(random.choice(string.ascii_letters + string.digits) for _ in range(32))  # want: FA207


def new_api_key() -> str:
    return str(random.getrandbits(128))  # want: FA207


def issue(user) -> dict:
    token = str(user.id)  # want: FA207
    user.api_key = "%032x" % random.getrandbits(128)  # want: FA207
    csrf_token = "".join(choice("abcdef0123456789") for _ in range(16))  # want: FA207
    return {"token": token, "csrf": csrf_token}


def time_token(email: str) -> dict:
    return {"verification_token": str(time.time()) + email}  # want: FA207
