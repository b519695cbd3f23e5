import os

from fastapi import Body, FastAPI, Form
from pydantic import BaseModel, ConfigDict, Field

app = FastAPI()

# Precomputed hashes are not the password.
fake_users_db = {
    "johndoe": {
        "username": "johndoe",
        "hashed_password": "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW",
    },
    "alice": {
        "username": "alice",
        "hashed_password": "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
    },
    "bob": {"username": "bob", "password_hash": "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8"},
}

# Empty, None and templated values.
empty_users = {"username": "admin", "password": ""}
none_users = {"username": "admin", "password": None}
env_users = {"username": "admin", "password": os.environ["ADMIN_PASSWORD"]}
template = {"username": "{username}", "password": "<password>"}
masked = {"username": "admin", "password": "********"}

# Dicts that describe a password field rather than hold one.
labels = {"username": "User name", "password": "Password"}
errors = {"password": "Password must be at least 8 characters"}
field_types = {"password": "secret", "email": "pii"}
env_names = {"password": "DB_PASSWORD"}
openapi_field = {"type": "string", "format": "password"}

# Name mappings that are not passwords.
user_roles = {"alice": "admin", "bob": "viewer"}
users = {"alice": "admin", "bob": "editor"}
users_by_email = {"alice": "alice@example.com"}
display_names = {"alice": "Alice Liddell"}
translations = {"en": "English", "fr": "Français"}


# OpenAPI examples document the request shape.
class LoginIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"username": "johndoe", "password": "secret"}]})
    username: str
    password: str = Field(examples=["hunter2"])


class LegacyIn(BaseModel):
    password: str

    class Config:
        schema_extra = {"example": {"username": "john", "password": "secret"}}


@app.post("/login")
def login(body: dict = Body(..., example={"username": "john", "password": "secret"})):
    return body


# Parameters without a literal default, or with a non-password name.
def connect(password: str, password_field: str = "password", password_env: str = "DB_PASSWORD", pw_hash: str = ""):
    return password


@app.post("/token")
def token(username: str = Form(...), password: str = Form(...), scope: str = Form("")):
    return {}


def weak(password: str) -> bool:
    # a password policy check, not credentials
    return password == "password" or password == "12345678"


# Keyword arguments and assignments are FA201's.
ADMIN_PASSWORD = "admin123"


def seed(create_user):
    create_user(username="admin", password="admin123")


env_record = {"username": "admin", "password": os.getenv("ADMIN_PASSWORD")}
hashed_env = {"username": "admin", "password": get_password_hash(os.environ["ADMIN_PASSWORD"])}
