import hashlib
import hmac
import secrets
from typing import Annotated

import requests
from fastapi import Depends, FastAPI, Form, HTTPException
from fastapi.security import HTTPBasic, HTTPBasicCredentials

app = FastAPI()
security = HTTPBasic()

users = {"admin": "password123", "alice": "wonderland"}  # want: FA205 FA205
PASSWORDS = {"root": "admin"}  # want: FA205
VALID_CREDENTIALS = {
    "bob": "b0bs-secret",  # want: FA205
}

fake_users_db = {
    "johndoe": {
        "username": "johndoe",
        "email": "johndoe@example.com",
        "hashed_password": "fakehashedsecret",  # want: FA205
        "disabled": False,
    },
}

ACCOUNTS = [
    {"username": "admin", "password": "secret"},  # want: FA205
    {"email": "ops@example.com", "password": "ops-pass"},  # want: FA205
]
DATABASES = {"default": {"USER": "app", "PASSWORD": "db-pass-1"}}  # want: FA205
redis_options = {"host": "cache", "password": "r3dis-pass"}  # want: FA205
seed_user = dict(username="admin", password="admin123")  # want: FA205


def login_remote():
    return requests.post("https://api.example.com/login", json={"user": "svc", "password": "svc-pass"})  # want: FA205


def connect(host: str, password: str = "admin"):  # want: FA205
    return host, password


@app.post("/login")
def login(username: str = Form(...), password: str = Form("changeme")):  # want: FA205
    if username == "admin" and password == "admin123":  # want: FA205
        return {"ok": True}
    raise HTTPException(status_code=401)


@app.get("/basic")
def basic(credentials: Annotated[HTTPBasicCredentials, Depends(security)]):
    ok_user = secrets.compare_digest(credentials.username, "stanleyjobson")
    ok_pass = secrets.compare_digest(credentials.password, "swordfish")  # want: FA205
    if credentials.username != "admin" or not hmac.compare_digest(credentials.password.encode(), b"hunter2"):  # want: FA205
        raise HTTPException(status_code=401)
    return {"ok": ok_user and ok_pass}


def get_password_hash(password: str) -> str:
    return password


users_db = {
    "admin@example.com": {"name": "Admin", "password": get_password_hash("admin123")},  # want: FA205
    "ops@example.com": {"username": "ops", "password_hash": hashlib.sha256("ops-pass".encode()).hexdigest()},  # want: FA205
}
LOGIN_CREDENTIALS = {"email": "qa@example.com", "password": "qa-pass-1"}  # want: FA205
fake_users = {"carol": {"hashed_password": "carol-plain"}}  # want: FA205
