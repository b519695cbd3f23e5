import aiohttp
import httpx
from fastapi import Depends, FastAPI

app = FastAPI()
API = "https://api.example.com"
shared = httpx.AsyncClient(timeout=10)


async def get_client() -> httpx.AsyncClient:
    return shared


@app.get("/prices")
async def prices(symbols: list[str], client: httpx.AsyncClient = Depends(get_client)):
    out = {}
    for s in symbols:
        r = await client.get(f"{API}/price/{s}")  # want: FA307
        out[s] = r.json()
    return out


@app.post("/notify")
async def notify(urls: list[str]):
    async with aiohttp.ClientSession() as session:
        for url in urls:
            payload = {"target": url}
            await session.post(url, json=payload)  # want: FA307
    return {"sent": len(urls)}


@app.get("/users")
async def users(ids: list[int]):
    return [(await shared.get(f"{API}/users/{i}")).json() for i in ids]  # want: FA307


async def fetch_user(user_id: int) -> dict:
    r = await shared.get(f"{API}/users/{user_id}")
    return r.json()


@app.get("/profiles")
async def profiles(ids: list[int]):
    result = []
    for user_id in ids:
        result.append(await fetch_user(user_id))  # want: FA307
    return result
