import asyncio

import httpx
from fastapi import Depends, FastAPI, WebSocket
from sqlalchemy.ext.asyncio import AsyncSession

app = FastAPI()
API = "https://api.example.com"
client = httpx.AsyncClient(timeout=10)
limiter = asyncio.Semaphore(5)


async def get_db() -> AsyncSession:
    ...


@app.get("/pages")
async def pages():
    items, cursor = [], None
    for _ in range(10):
        r = await client.get(API, params={"cursor": cursor})
        data = r.json()
        items.extend(data["items"])
        cursor = data["next"]
    return items


@app.get("/first-ok")
async def first_ok(mirrors: list[str]):
    for m in mirrors:
        r = await client.get(m)
        if r.status_code == 200:
            return r.json()
    return None


@app.get("/total")
async def total(ids: list[int]):
    acc = 0
    for i in ids:
        r = await client.get(f"{API}/n/{i}")
        acc += r.json()["n"]
    return {"total": acc}


@app.get("/throttled")
async def throttled(ids: list[int]):
    out = []
    for i in ids:
        out.append((await client.get(f"{API}/n/{i}")).json())
        await asyncio.sleep(0.1)  # deliberate rate limiting
    return out


@app.get("/semaphore")
async def with_semaphore(ids: list[int]):
    out = []
    for i in ids:
        async with limiter:
            out.append(await client.get(f"{API}/n/{i}"))
    return out


@app.get("/db")
async def from_db(ids: list[int], db: AsyncSession = Depends(get_db)):
    out = []
    for i in ids:
        out.append(await db.get(object, i))  # a session: not safe to run concurrently
    return out


@app.get("/same")
async def same():
    out = []
    for _ in range(3):
        out.append(await client.get(API))  # does not use the loop variable: polling
    return out


@app.websocket("/ws")
async def ws(websocket: WebSocket, messages: list[str]):
    for msg in messages:
        await websocket.send_text(msg)  # not an HTTP request; order matters


@app.get("/gathered")
async def gathered(ids: list[int]):
    return await asyncio.gather(*(client.get(f"{API}/n/{i}") for i in ids))


@app.get("/cached")
async def cached(domains: list[str]):
    cache = {}
    for d in domains:
        if d not in cache:  # reads what earlier iterations wrote
            cache[d] = await client.get(f"{API}/rdap/{d}")
    return cache
