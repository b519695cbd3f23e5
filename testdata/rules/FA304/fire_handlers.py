from typing import Annotated

import aiohttp
import httpx
import redis.asyncio as aioredis
import requests
from fastapi import Depends, FastAPI
from motor.motor_asyncio import AsyncIOMotorClient
from redis import Redis
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.orm import Session

app = FastAPI()


@app.get("/weather")
async def weather(city: str):
    async with httpx.AsyncClient() as client:  # want: FA304
        r = await client.get("https://api.example.com", params={"q": city})
    return r.json()


@app.get("/sync-weather")
def sync_weather(city: str):
    client = httpx.Client(timeout=5)  # want: FA304
    return client.get("https://api.example.com", params={"q": city}).json()


@app.get("/legacy")
def legacy():
    with requests.Session() as s:  # want: FA304
        return s.get("https://example.com", timeout=5).json()


@app.get("/aio")
async def aio():
    async with aiohttp.ClientSession() as session:  # want: FA304
        async with session.get("https://example.com") as resp:
            return await resp.json()


@app.get("/count")
def count():
    engine = create_engine("postgresql://localhost/db")  # want: FA304
    with engine.connect() as conn:
        return {"n": conn.exec_driver_sql("select 1").scalar()}


@app.get("/cache/{key}")
async def cached(key: str):
    r = aioredis.from_url("redis://localhost")  # want: FA304
    return {"v": await r.get(key)}


@app.get("/cache-sync/{key}")
def cached_sync(key: str):
    r = Redis(host="localhost")  # want: FA304
    return {"v": r.get(key)}


# A per-request dependency in the same module.
async def get_mongo():
    client = AsyncIOMotorClient("mongodb://localhost")  # want: FA304
    try:
        yield client["db"]
    finally:
        client.close()


async def get_engine():
    return create_async_engine("postgresql+asyncpg://localhost/db")  # want: FA304


class GitHubService:
    def __init__(self):
        self.http = httpx.AsyncClient(base_url="https://api.github.com")  # want: FA304


@app.get("/docs/{doc_id}")
async def read_doc(doc_id: str, db=Depends(get_mongo), engine=Depends(get_engine), gh: Annotated[GitHubService, Depends()]):
    return await db.docs.find_one({"_id": doc_id})
