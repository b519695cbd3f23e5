"""Settings module.

Example: DATABASE_URL=postgresql://app:s3cr3t@db/app (read from the environment).
"""
import os
import sys

from fastapi import FastAPI, Body
from fastapi.security import APIKeyHeader, OAuth2PasswordBearer
from jose import jwt
from pydantic import BaseModel, ConfigDict, Field
from pydantic_settings import BaseSettings

from app.core.base import BaseConfig

# Values read from the environment (FA202 judges the fallbacks of secret-like names).
SECRET_KEY = os.getenv("SECRET_KEY")
JWT_SECRET = os.environ["JWT_SECRET"]
API_KEY = os.getenv("API_KEY", "dev-api-key")
DB_PASSWORD = os.environ.get("DB_PASSWORD", default="devpass")
STRIPE_API_KEY = os.getenv("STRIPE_API_KEY", "sk_live_51H8d9fK2eZvKYlo2C0a1b2c3d4e5f6")
TOKEN = os.getenv("TOKEN") or "fallback-token"

# Empty and template values.
EMPTY_SECRET = ""
BLANK_PASSWORD = "   "
TEMPLATE_SECRET = "${SECRET_KEY}"
ANGLE_TOKEN = "<your-token-here>"
MASKED_PASSWORD = "********"
ELLIPSIS_KEY_SECRET = "..."

# A placeholder the app refuses to start with.
FALLBACK_SECRET = "change-me"
if os.getenv("APP_SECRET", FALLBACK_SECRET) == "change-me":
    raise RuntimeError("set APP_SECRET")
DEFAULT_SECRET_KEY = "insecure-default"
settings_key = os.getenv("SECRET_KEY", DEFAULT_SECRET_KEY)
if settings_key == DEFAULT_SECRET_KEY:
    sys.exit("SECRET_KEY must be set")

# Names that are not secrets, or values that name a secret.
ALGORITHM = "HS256"
JWT_ALGORITHM = "RS256"
TOKEN_URL = "/token"
TOKEN_TYPE = "bearer"
PASSWORD_MIN_LENGTH = 8
ACCESS_TOKEN_EXPIRE_MINUTES = 30
password_field = "password"
SECRET_KEY_ENV = "SECRET_KEY"
TOKEN = "token"
API_KEY_NAME = "X-API-Key"
API_KEY = "X-API-Key"
JWT_SECRET = "JWT_SECRET_KEY"
PRIVATE_KEY = "keys/private.pem"
PRIVATE_KEY_PATH = "/run/secrets/jwt.key"
PUBLIC_KEY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4"
CACHE_KEY = "users:list"
PRIMARY_KEY = "id"
INVALID_TOKEN = "Invalid or expired token"
WRONG_PASSWORD_MSG = "Incorrect username or password"
NEXT_PAGE_TOKEN = "abc"
ADMIN_PASSWORD = "$2b$12$KIXQJ6o0r3qZ8y1yZ5iYde9yS0aHq0s1Zr4yXqQ5x0m8Jq3lqgU6W"
AWS_DOCS_ID = "AKIAIOSFODNN7EXAMPLE"

# URLs without a password.
DATABASE_URL = "postgresql://app@localhost/app"
SQLITE_URL = "sqlite:///./app.db"
CACHE_URL = "redis://localhost:6379/0"
TEMPLATE_URL = "postgresql://{user}:{password}@{host}/db"
ENV_URL = "postgresql://app:${DB_PASSWORD}@db/app"
WEB_URL = "https://user:pass@example.com/"
URL_HELP = "Set REDIS_URL, for example redis://:s3cret@cache:6379/0"
URL_TEMPLATE = "redis://user:password@host:port/0"

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)
app = FastAPI()


def issue(data: dict, user: str, password: str) -> dict:
    db_url = f"postgresql://{user}:{password}@db/app"
    token = jwt.encode(data, SECRET_KEY, algorithm=ALGORITHM)
    return {"access_token": token, "token_type": "bearer", "url": db_url}


def verify(token: str):
    key = os.environ["JWT_SECRET"]
    return jwt.decode(token, key, algorithms=[ALGORITHM])


def looks_live(key: str) -> bool:
    return key.startswith("sk_live_") or key.startswith("-----BEGIN RSA PRIVATE KEY-----")


def set_cookie(response, token: str):
    response.set_cookie(key="access_token", value=token, httponly=True)


# Settings and model field defaults are FA202's business.
class Settings(BaseSettings):
    SECRET_KEY: str = "settings-default-secret"
    stripe_api_key: str = "sk_live_51H8d9fK2eZvKYlo2C0a1b2c3d4e5f6"
    api_key: str = Field(default="settings-api-key")


class TokenOut(BaseModel):
    access_token: str = "example-token"
    token_type: str = "bearer"


class ProdSettings(BaseConfig):
    SECRET_KEY = "maybe-a-settings-default"


# OpenAPI examples document a request shape.
class Credentials(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"api_key": "example-key", "token": "example"}]})
    api_key: str = Field(examples=["sk_live_0000000000000000000000000000"])


@app.post("/login")
def login(body: dict = Body(..., example={"client_secret": "example-secret"})):
    return body


# Password-keyed dicts and password defaults are FA205's.
seed = dict(username="admin", password="admin123")
users = {"admin": {"username": "admin", "password": "admin123"}}


def create_admin(password: str = "admin"):
    return password


def strategy(JWTStrategy, token: str):
    # FALLBACK_SECRET is refused at startup; SECRET_KEY comes from the environment.
    jwt.decode(token, FALLBACK_SECRET, algorithms=["HS256"])
    return JWTStrategy(secret=FALLBACK_SECRET, key=SECRET_KEY, lifetime_seconds=3600)


# Tags and enum members name a kind of token; local model servers ignore the key.
import enum


class TokenKind(str, enum.Enum):
    ACCESS_TOKEN = "access"
    RESET_PASSWORD = "reset-password-flow"


class TokenNames:
    ACCESS_TOKEN = "access"
    REFRESH_TOKEN = "refresh_token"


def local_llm(OpenAI):
    OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")
    OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")
    return OpenAI(base_url="http://localhost:1234/v1", api_key="not-needed")


LOCAL_LLM_KEY = "ollama"


def local_llm_constant(OpenAI):
    return OpenAI(base_url="http://localhost:11434/v1", api_key=LOCAL_LLM_KEY)
