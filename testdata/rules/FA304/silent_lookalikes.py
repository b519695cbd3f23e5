import functools
from contextlib import asynccontextmanager
from functools import lru_cache

import httpx
import requests
from fastapi import Depends, FastAPI, Request
from redis import Redis
from sqlalchemy import create_engine

# Module level: created once and shared.
engine = create_engine("postgresql://localhost/db")
http = httpx.AsyncClient(timeout=10)
_client = None


@asynccontextmanager
async def lifespan(app: FastAPI):
    async with httpx.AsyncClient(timeout=10) as client:
        app.state.http = client
        yield


app = FastAPI(lifespan=lifespan)


@app.on_event("startup")
async def startup():
    app.state.redis = Redis(host="localhost")


@lru_cache
def get_redis() -> Redis:
    return Redis(host="localhost")


@functools.lru_cache()
def get_session() -> requests.Session:
    return requests.Session()


def get_client() -> httpx.AsyncClient:
    global _client
    if _client is None:
        _client = httpx.AsyncClient(timeout=10)
    return _client


def helper_not_a_dependency():
    # A plain helper: when it runs is not known here.
    return httpx.Client(timeout=5)


@app.get("/weather")
async def weather(request: Request, city: str, r: Redis = Depends(get_redis), c=Depends(get_client)):
    resp = await request.app.state.http.get("https://api.example.com", params={"q": city})
    return resp.json()


@app.get("/lazy")
async def lazy(request: Request):
    if getattr(request.app.state, "http", None) is None:
        request.app.state.http = httpx.AsyncClient(timeout=10)
    return {"ok": True}


@app.get("/factory")
def factory():
    def build():
        return httpx.Client(timeout=5)  # a closure: when it runs is unknown

    return {"ok": build is not None}


class WeatherService:
    def __init__(self):
        self.http = httpx.AsyncClient(timeout=10)  # one instance, built at module level


weather_service = WeatherService()
