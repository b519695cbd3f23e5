import os

import uvicorn
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from pydantic import BaseModel
from pydantic_settings import BaseSettings
from sqlalchemy import create_engine


class Settings(BaseSettings):
    DATABASE_URL: str = "postgresql://localhost/app"
    REDIS_HOST: str = "localhost"
    REDIS_PORT: int = 6379
    cors_origins: list[str] = ["http://localhost:3000"]


class AppSettings(Settings):
    BROKER_URL: str = "redis://localhost:6379/1"


class Limits(BaseModel):
    SERVER_HOST: str = "127.0.0.1"


settings = Settings()

# Secrets in URLs are FA201's.
LEGACY_URL = "postgresql://app:s3cret@localhost/app"
# Paths, public services and plain names are not environment-specific.
TOKEN_URL = "/auth/token"
LICENSE_URL = "https://opensource.org/licenses/MIT"
LOGO_URL = "https://cdn.example.com/logo.png"
TERMS_OF_SERVICE_URL = "https://example.com/terms"
API_VERSION = "2024-01-01"
DOCS_URL = "/docs"
REDIS_HOST_NAME = "redis"
POOL_SIZE = 10
MEMORY_DB_URL = "sqlite://"
TEST_DB_URL = "sqlite:///:memory:"
API_PREFIX_PORT_NOTE = "see docs"

DATABASE_URL = os.getenv("DATABASE_URL", "postgresql://localhost/app")
REDIS_URL = os.environ.get("REDIS_URL") or "redis://localhost:6379/0"
engine = create_engine(settings.DATABASE_URL)
env_engine = create_engine(os.getenv("DATABASE_URL", "sqlite:///./app.db"))

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["*"])
app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins)


def serve(host: str, port: int):
    uvicorn.run(app, host=host, port=port)


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=8000)
    DEV_DATABASE_URL = "postgresql://localhost/dev"

# A default overridden from the environment.
CACHE_URL = "redis://localhost:6379/3"
if "CACHE_URL" in os.environ:
    CACHE_URL = os.environ["CACHE_URL"]


class NetworkProbe:
    # Public resolvers used to find the outbound interface: the same in every
    # environment, and no allow-list despite the `_HOSTS` name.
    _RESOLVER_HOSTS = ("1.1.1.1", "9.9.9.9")
