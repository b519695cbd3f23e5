import os
from os import environ, getenv as env_get

from decouple import config
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict
from starlette.config import Config

SECRET_KEY = os.getenv("SECRET_KEY", "changeme")  # want: FA202
JWT_SECRET = os.environ.get("JWT_SECRET", "super-secret-jwt-key-123")  # want: FA202
DB_PASSWORD = env_get("DB_PASSWORD", "postgres")  # want: FA202
API_KEY = environ.get("STRIPE_API_KEY", default="sk_test_4eC39HqLyjWDarjtT1zdp7dc")  # want: FA202
os.environ.setdefault("SESSION_SECRET", "dev")  # want: FA202
REDIS_PASSWORD = os.getenv("REDIS_PASSWORD") or "redis"  # want: FA202
SIGNING = config("SIGNING_KEY", default="not-so-secret")  # want: FA202
KEY_BYTES = os.getenv("FERNET_KEY", "xxx").encode()  # want: FA202

starlette_config = Config(".env")
APP_SECRET = starlette_config("APP_SECRET", default="please-change")  # want: FA202


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env")

    app_name: str = "demo"
    secret_key: str = "changeme"  # want: FA202
    jwt_secret: str = Field("dev-secret")  # want: FA202
    database_password: str = Field(default="postgres")  # want: FA202


class ProdSettings(Settings):
    admin_password: str = "admin"  # want: FA202


def make_app():
    key = os.getenv("SECRET_KEY", "insecure-dev-key")  # want: FA202
    return key
