package corpusgen

import (
	"fmt"
	"strings"
)

var appNames = []string{"Acme Platform", "Northwind API", "Orbit Services", "Harbor Backend", "Atlas Core", "Juniper API"}

func (g *gen) genCore() {
	g.write("app/__init__.py", "\"\"\"Application package.\"\"\"\n")
	g.write("app/core/__init__.py", "")

	appName := g.pick(appNames)
	db := strings.ToLower(strings.Fields(appName)[0])
	config := strings.NewReplacer("{{APP}}", appName, "{{DB}}", db).Replace(`"""Application settings, read from the environment (and .env in development)."""
from functools import lru_cache
from typing import List, Optional

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Runtime configuration.

    Every value can be overridden with an environment variable of the same
    name (case-insensitive). Secrets have no defaults on purpose.
    """

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    app_name: str = "{{APP}}"
    environment: str = "development"
    debug: bool = False
    log_level: str = "INFO"

    database_url: str = "postgresql+asyncpg://localhost:5432/{{DB}}"
    sync_database_url: str = "postgresql+psycopg://localhost:5432/{{DB}}"
    db_pool_size: int = 10
    db_max_overflow: int = 20
    db_echo: bool = False

    secret_key: str = Field(..., min_length=32)
    jwt_algorithm: str = "HS256"
    access_token_expire_minutes: int = 30
    refresh_token_expire_days: int = 14

    cors_origins: List[str] = Field(default_factory=list)
    redis_url: Optional[str] = None
    sentry_dsn: Optional[str] = None
    http_timeout_seconds: float = 10.0
    default_page_size: int = 50
    max_page_size: int = 200

    @field_validator("log_level")
    @classmethod
    def _upper_log_level(cls, value: str) -> str:
        return value.upper()

    @property
    def is_production(self) -> bool:
        return self.environment == "production"


@lru_cache
def get_settings() -> Settings:
    """Return the cached settings instance."""
    return Settings()


settings = get_settings()
`)
	g.write("app/core/config.py", config)

	g.write("app/core/database.py", `"""Database engines and session factories.

Both a synchronous and an asynchronous engine are configured: older modules
still use the sync session, new code should use the async one.
"""
from collections.abc import AsyncIterator, Iterator

from sqlalchemy import MetaData, create_engine
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from .config import settings

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


engine = create_engine(
    settings.sync_database_url,
    pool_pre_ping=True,
    pool_size=settings.db_pool_size,
    max_overflow=settings.db_max_overflow,
    echo=settings.db_echo,
)
SessionLocal = sessionmaker(bind=engine, autoflush=False, expire_on_commit=False)

async_engine = create_async_engine(
    settings.database_url,
    pool_pre_ping=True,
    pool_size=settings.db_pool_size,
    echo=settings.db_echo,
)
AsyncSessionLocal = async_sessionmaker(async_engine, expire_on_commit=False)


def get_db() -> Iterator[Session]:
    """Yield a synchronous session (for def endpoints)."""
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


async def get_async_db() -> AsyncIterator[AsyncSession]:
    """Yield an asynchronous session (for async def endpoints)."""
    async with AsyncSessionLocal() as session:
        try:
            yield session
        except Exception:
            await session.rollback()
            raise
`)

	g.write("app/core/security.py", `"""Authentication helpers: password hashing, JWT tokens, current user."""
from datetime import datetime, timedelta, timezone
from typing import Annotated, Any, Callable, Dict, List, Optional

from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer
from jose import JWTError, jwt
from passlib.context import CryptContext
from pydantic import BaseModel, ValidationError

from .config import settings

pwd_context = CryptContext(schemes=["bcrypt"], deprecated="auto")
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token")


class TokenUser(BaseModel):
    """The identity carried by an access token."""

    id: int
    email: str
    roles: List[str] = []
    org_id: Optional[int] = None

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)


def hash_password(password: str) -> str:
    return pwd_context.hash(password)


def verify_password(plain_password: str, hashed_password: str) -> bool:
    return pwd_context.verify(plain_password, hashed_password)


def create_access_token(subject: Dict[str, Any], expires_minutes: Optional[int] = None) -> str:
    expire = datetime.now(timezone.utc) + timedelta(
        minutes=expires_minutes or settings.access_token_expire_minutes
    )
    payload = {**subject, "exp": expire, "type": "access"}
    return jwt.encode(payload, settings.secret_key, algorithm=settings.jwt_algorithm)


async def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> TokenUser:
    """Decode the bearer token and return the user it names."""
    credentials_error = HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail="Could not validate credentials",
        headers={"WWW-Authenticate": "Bearer"},
    )
    try:
        payload = jwt.decode(token, settings.secret_key, algorithms=[settings.jwt_algorithm])
        if payload.get("type") != "access":
            raise credentials_error
        return TokenUser(**payload)
    except (JWTError, ValidationError):
        raise credentials_error


def require_roles(*roles: str) -> Callable[..., Any]:
    """Dependency factory: the current user must have one of the roles."""

    async def checker(user: Annotated[TokenUser, Depends(get_current_user)]) -> TokenUser:
        if not user.has_role(*roles):
            raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Not enough permissions")
        return user

    return checker


CurrentUser = Annotated[TokenUser, Depends(get_current_user)]
AdminUser = Annotated[TokenUser, Depends(require_roles("admin"))]
`)

	g.write("app/core/pagination.py", `"""Shared pagination primitives."""
from dataclasses import dataclass
from typing import Generic, List, Sequence, TypeVar

from fastapi import Query
from pydantic import BaseModel

T = TypeVar("T")


@dataclass
class PageParams:
    page: int = 1
    size: int = 50

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


def page_params(
    page: int = Query(1, ge=1, description="1-based page number"),
    size: int = Query(50, ge=1, le=200, description="Items per page"),
) -> PageParams:
    return PageParams(page=page, size=size)


class Page(BaseModel, Generic[T]):
    items: List[T]
    total: int
    page: int
    size: int

    @classmethod
    def build(cls, items: Sequence[T], total: int, params: PageParams) -> "Page[T]":
        return cls(items=list(items), total=total, page=params.page, size=params.size)
`)
}

// genMain writes app/main.py and app/api.py once every domain exists.
func (g *gen) genMain() {
	w := &pyWriter{}
	im := newImports()
	im.From("fastapi", "APIRouter")
	for _, d := range g.domains {
		if d.splitRoutes {
			im.From("app."+d.name+".routes", "router as "+d.name+"_router")
		} else {
			im.From("app."+d.name+".router", "router as "+d.name+"_router")
		}
	}
	w.P("\"\"\"Aggregates every domain router under the versioned API prefix.\"\"\"")
	im.Write(w)
	w.P("api_router = APIRouter()")
	for _, d := range g.domains {
		w.P(fmt.Sprintf("api_router.include_router(%s_router)", d.name))
	}
	g.write("app/api.py", w.String())

	g.write("app/main.py", `"""ASGI entry point."""
import logging
from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from app.api import api_router
from app.core.config import settings
from app.core.database import async_engine

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    logger.info("starting %s (%s)", settings.app_name, settings.environment)
    yield
    await async_engine.dispose()


app = FastAPI(
    title=settings.app_name,
    version="1.4.0",
    description="Internal platform API.",
    lifespan=lifespan,
)

app.add_middleware(
    CORSMiddleware,
    allow_origins=settings.cors_origins,
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)

app.include_router(api_router, prefix="/api/v1")


@app.exception_handler(ValueError)
async def value_error_handler(request: Request, exc: ValueError) -> JSONResponse:
    return JSONResponse(status_code=400, content={"detail": str(exc)})


@app.get("/health", tags=["health"], summary="Liveness probe")
async def health() -> dict:
    return {"status": "ok"}
`)
}

func (g *gen) genTestsRoot() {
	g.write("tests/__init__.py", "")
	g.write("tests/conftest.py", `import os
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

os.environ.setdefault("SECRET_KEY", "test-secret-key-that-is-long-enough-1234")

from app.core.security import TokenUser, get_current_user  # noqa: E402
from app.main import app  # noqa: E402


@pytest.fixture(scope="session")
def client() -> Iterator[TestClient]:
    async def fake_user() -> TokenUser:
        return TokenUser(id=1, email="tester@example.com", roles=["admin"])

    app.dependency_overrides[get_current_user] = fake_user
    with TestClient(app) as test_client:
        yield test_client
    app.dependency_overrides.clear()


@pytest.fixture
def auth_headers() -> dict:
    return {"Authorization": "Bearer test-token"}
`)
}
