import asyncio
import functools

import httpx
import redis
from fastapi import APIRouter, BackgroundTasks, Depends
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

router = APIRouter()
sync_cache = redis.Redis()


async def notify(user_id: int):
    await asyncio.sleep(0)


def log_event(user_id: int):
    print(user_id)


async def stream_rows():
    yield 1


@some_registry.register
async def registered_job():
    await asyncio.sleep(0)


@router.post("/awaited")
async def awaited(db: AsyncSession, user_id: int):
    await db.commit()
    await (db.refresh(user_id))
    result = (await db.execute(select(User))).scalars().all()
    user = await db.get(User, user_id)
    await notify(user_id)
    return result, user


@router.post("/scheduled")
async def scheduled(db: AsyncSession, background_tasks: BackgroundTasks, user_id: int):
    task = asyncio.create_task(notify(user_id))
    await asyncio.gather(notify(1), notify(2))
    await asyncio.wait_for(notify(3), timeout=1)
    await asyncio.shield(db.commit())
    asyncio.ensure_future(notify(4))
    async with asyncio.TaskGroup() as tg:
        tg.create_task(notify(5))
    background_tasks.add_task(notify, user_id)
    background_tasks.add_task(functools.partial(notify, user_id))
    return await task


@router.get("/returned")
async def returned(client: httpx.AsyncClient):
    return client.get("https://example.com")


def make_request(client: httpx.AsyncClient):
    return client.post("https://example.com")


@router.post("/later")
async def later(db: AsyncSession, user_id: int):
    coro = notify(user_id)
    commit = db.commit()
    pending = []
    pending.append(notify(1))
    pending.append(db.flush())
    await asyncio.gather(*pending)
    await commit
    print(coro)


@router.post("/stored")
async def stored(holder, user_id: int):
    holder.pending = notify(user_id)
    waiters = {"a": notify(1)}
    handler = lambda: notify(user_id)
    return waiters, handler


@router.post("/sync-bits")
async def sync_bits(db: AsyncSession, user_id: int):
    db.add(User())
    db.add_all([User()])
    db.expunge(User())
    log_event(user_id)
    stream_rows()
    registered_job()
    async with db.begin():
        pass


@router.post("/sync-session")
def sync_session(db: Session, user_id: int):
    db.commit()
    db.refresh(user_id)
    db.delete(user_id)
    user = db.get(User, user_id)
    if not user:
        return None
    return db.execute(select(User)).scalars().all()


@router.get("/sync-client")
async def sync_client():
    with httpx.Client() as client:
        client.post("https://example.com/hook")
    sync_cache.set("k", "v")


@router.get("/stream")
async def stream(client: httpx.AsyncClient):
    async with client.stream("GET", "https://example.com") as resp:
        async for chunk in resp.aiter_bytes():
            print(chunk)


@router.get("/untyped")
async def untyped(session, client):
    session.commit()
    client.get("https://example.com")


class Service:
    def __init__(self, db: AsyncSession):
        self.db = db

    async def save(self):
        self.db.commit()  # the attribute's type is not tracked


@router.post("/rebound")
async def rebound(db: AsyncSession):
    user = db.get(User, 1)
    user = await user
    if not user:
        return None
    return user


def run():
    asyncio.run(notify(1))
    loop = asyncio.new_event_loop()
    coro = notify(2)
    loop.run_until_complete(coro)


if __name__ == "__main__":
    asyncio.run(notify(0))
