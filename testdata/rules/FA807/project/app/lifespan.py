from contextlib import asynccontextmanager

from app.db import Base, engine, init_db


@asynccontextmanager
async def lifespan(app):
    await init_db()
    yield


@asynccontextmanager
async def other_lifespan(app):
    # Defined with a lifespan's shape but imported by no app module: silent.
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield
