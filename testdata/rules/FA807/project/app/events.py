from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlmodel import SQLModel

from app.db import engine


@asynccontextmanager
async def schema_lifespan(app: FastAPI):
    # A lifespan by its signature, wherever it is used.
    async with engine.begin() as conn:
        await conn.run_sync(SQLModel.metadata.create_all)  # want: FA807
    yield
