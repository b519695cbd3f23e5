import os

import jwt as pyjwt
import redis
from fastapi import FastAPI
from jose import jwt
from starlette.middleware.sessions import SessionMiddleware

SECRET_KEY = "3f9a0c1e8b7d6a5c4b3a2918f7e6d5c4"  # want: FA201
JWT_SECRET = "super-secret-jwt-key"  # want: FA201
DB_PASSWORD = "hunter2"  # want: FA201
API_KEY = "key-7d1c9e0f2a"  # want: FA201
GITHUB_TOKEN: str = "token-abc123"  # want: FA201
private_key = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"  # want: FA201
client_secret = "oauth-client-secret-value"  # want: FA201
openaiApiKey = "my-openai-key-value"  # want: FA201
SMTP_PASS = "mailpass"  # want: FA201
SECRET_KEY = "CHANGE_ME"  # want: FA201
ADMIN_PASSWORD = "password"  # want: FA201
WEBHOOK_SECRET = ("whsec_" "0123456789abcdef")  # want: FA201

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key="session-signing-key")  # want: FA201
cache = redis.Redis(host="cache", password="r3dis-pass")  # want: FA201
app.state.secret_key = "state-level-secret"  # want: FA201
os.environ["STRIPE_API_KEY"] = "stripe-key-value"  # want: FA201


class Config:
    SECRET_KEY = "class-level-secret"  # want: FA201
    ALGORITHM = "HS256"


class ProductionConfig(Config):
    API_TOKEN = "prod-token-value"  # want: FA201


def create_token(data: dict) -> str:
    return jwt.encode(data, "inline-jwt-key", algorithm="HS256")  # want: FA201


def read_token(token: str) -> dict:
    return pyjwt.decode(token, key="another-inline-key", algorithms=["HS256"])  # want: FA201


SIGNING = "not-a-secret-looking-name"


def sign(data: dict) -> str:
    return jwt.encode(data, SIGNING, algorithm="HS256")  # want: FA201


def check_basic(credentials):
    correct_password_bytes = b"swordfish"  # want: FA201
    return correct_password_bytes


def call_api(client, api_key: str = "default-api-key"):  # want: FA201
    headers = {"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.abc"}  # want: FA201
    extra = {"x-api-key": "header-key-value"}  # want: FA201
    return client.get("/", headers=headers | extra)


SECRET = "SECRET"


def get_jwt_strategy(JWTStrategy):
    return JWTStrategy(secret=SECRET, lifetime_seconds=3600)  # want: FA201


def decode_with_name_constant(token: str):
    return jwt.decode(token, SECRET, algorithms=["HS256"])  # want: FA201
