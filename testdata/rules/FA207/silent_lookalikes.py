import hashlib
import os
import random
import secrets
import uuid
from datetime import datetime, timedelta, timezone
from typing import Annotated

import jwt
from fastapi import APIRouter, Depends, Header, Response
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm

router = APIRouter()
SECRET_KEY = os.environ["SECRET_KEY"]
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")


def create_access_token(data: dict) -> str:
    to_encode = data.copy()
    to_encode["exp"] = datetime.now(timezone.utc) + timedelta(minutes=30)
    return jwt.encode(to_encode, SECRET_KEY, algorithm="HS256")


@router.post("/token")
async def login(form_data: Annotated[OAuth2PasswordRequestForm, Depends()]):
    access_token = create_access_token({"sub": form_data.username})
    return {"access_token": access_token, "token_type": "bearer", "username": form_data.username}


@router.post("/token2")
async def login2(form_data: Annotated[OAuth2PasswordRequestForm, Depends()]):
    token = jwt.encode({"sub": form_data.username}, SECRET_KEY, algorithm="HS256")
    return {"access_token": token, "token_type": "bearer"}


def generate_reset_token() -> str:
    return secrets.token_urlsafe(32)


def new_api_key(user) -> str:
    # user id as a lookup prefix, the secret part is random
    return f"{user.id}.{secrets.token_hex(32)}"


def keyed(user) -> dict:
    token = hashlib.sha256(f"{user.email}:{SECRET_KEY}".encode()).hexdigest()
    return {"token": token}


@router.get("/items")
def items(token: Annotated[str, Depends(oauth2_scheme)]):
    payload = jwt.decode(token, SECRET_KEY, algorithms=["HS256"])
    username = payload.get("sub")
    request_id = str(uuid.uuid1())
    sample = random.choice(["a", "b"])
    return {"user": username, "request_id": request_id, "sample": sample, "id": str(uuid.uuid4())}


@router.get("/me")
def me(x_api_key: Annotated[str, Header()], response: Response):
    api_key = x_api_key
    response.set_cookie("theme", "dark")
    response.set_cookie(key="session", value=secrets.token_urlsafe(32))
    session_id = uuid.uuid4().hex
    return {"api_key_prefix": api_key[:4], "session_id": session_id}


def make_state() -> str:
    rng = random.SystemRandom()
    token = "".join(rng.choice("abcdef") for _ in range(32))
    return token


def state_key(client_id: str, user_id: str) -> str:
    # a cache key for session state, not an authentication token
    session_id = f"session:{client_id}:{user_id}"
    return session_id


def llm_usage():
    import random
    input_tokens = random.randint(10, 500)  # token counts of an LLM call, not credentials
    max_tokens = random.randint(100, 200)
    return input_tokens + max_tokens
