from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy import MetaData, create_engine
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.orm import declarative_base
from sqlmodel import SQLModel

engine = create_engine("sqlite://")
async_engine = create_async_engine("sqlite+aiosqlite://")
Base = declarative_base()
metadata = MetaData()

Base.metadata.create_all(bind=engine)  # want: FA807
try:
    metadata.create_all(engine)  # want: FA807
except Exception:
    pass


@asynccontextmanager
async def lifespan(app: FastAPI):
    async with async_engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)  # want: FA807
    yield


app = FastAPI(lifespan=lifespan)


def create_db_and_tables():
    SQLModel.metadata.create_all(engine)  # want: FA807


@app.on_event("startup")
def on_startup():
    create_db_and_tables()


async def _bootstrap(app):
    def sync_create(conn):
        Base.metadata.create_all(conn)  # want: FA807

    async with async_engine.begin() as conn:
        await conn.run_sync(sync_create)
    yield


other = FastAPI(lifespan=asynccontextmanager(_bootstrap))


def create_app() -> FastAPI:
    @asynccontextmanager
    async def factory_lifespan(application):
        Base.metadata.create_all(engine)  # want: FA807
        yield

    return FastAPI(lifespan=factory_lifespan)


def register_events(application: FastAPI):
    def build_schema():
        Base.metadata.create_all(engine)  # want: FA807

    application.add_event_handler("startup", build_schema)


def warm_up():
    Base.metadata.create_all(engine)  # want: FA807


legacy = FastAPI(on_startup=[warm_up])
