from contextlib import asynccontextmanager

from app.db import Base, engine


@asynccontextmanager
async def direct_lifespan(app):
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)  # want: FA807
    yield
