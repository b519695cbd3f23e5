from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.orm import DeclarativeBase

engine = create_async_engine("sqlite+aiosqlite://")


class Base(DeclarativeBase):
    pass


async def init_db():
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)  # want: FA807


async def reset_db():
    # Only used by the CLI: silent.
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
