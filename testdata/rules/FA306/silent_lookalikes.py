import httpx
import requests
from fastapi import FastAPI

app = FastAPI()
session = requests.Session()
TIMEOUT = 10


@app.get("/rates")
def rates():
    return requests.get("https://api.example.com/rates", timeout=5).json()


@app.get("/kw")
def kw(**options):
    return requests.get("https://example.com", **options).json()


@app.get("/shared")
def shared():
    session.headers.update({"X": "1"})
    return session.get("https://example.com", timeout=TIMEOUT).json()


@app.get("/httpx")
async def use_httpx():
    # httpx has a default 5s timeout.
    r = httpx.get("https://example.com")
    async with httpx.AsyncClient(timeout=30) as client:
        await client.get("https://example.com")
        await client.get("https://example.com", timeout=httpx.Timeout(10.0, connect=3.0))
    return r.json()


class Cache:
    def get(self, key):
        return key


cache = Cache()


@app.get("/cache")
def from_cache():
    data = {"a": 1}
    # .get on things that are not HTTP clients
    return {"a": data.get("a"), "b": cache.get("b")}
