import httpx
import redis.asyncio as aioredis
from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

engine = create_async_engine("postgresql+asyncpg://localhost/app")
SessionLocal = async_sessionmaker(engine)
cache = aioredis.from_url("redis://localhost")
router = APIRouter()


async def get_db():
    async with SessionLocal() as session:
        yield session


@router.post("/users")
async def create_user(body: dict, db: AsyncSession = Depends(get_db)):
    user = User(**body)
    db.add(user)
    db.commit()  # want: FA103
    db.refresh(user)  # want: FA103
    return user


@router.delete("/users/{user_id}")
async def delete_user(user_id: int, db=Depends(get_db)):
    user = db.get(User, user_id)  # want: FA103
    if not user:
        raise HTTPException(404)
    db.delete(user)  # want: FA103
    (db.flush())  # want: FA103


@router.get("/users")
async def list_users(db: AsyncSession = Depends(get_db)):
    return db.execute(select(User)).scalars().all()  # want: FA103


@router.get("/users/first")
async def first_user(db: AsyncSession = Depends(get_db)):
    rows = [r for r in db.scalars(select(User))]  # want: FA103
    stmt = db.execute(select(User))  # want: FA103
    if db.scalar(select(User.id)) is None:  # want: FA103
        return None
    return rows


@router.post("/rollback")
async def rollback(db: AsyncSession = Depends(get_db)):
    try:
        await db.commit()
    except Exception:
        db.rollback()  # want: FA103
        raise
    finally:
        db.close()  # want: FA103


@router.post("/hook")
async def hook(payload: dict):
    async with httpx.AsyncClient() as client:
        client.post("https://example.com/hook", json=payload)  # want: FA103
        resp = client.get("https://example.com/status")  # want: FA103
        return resp.json()


@router.post("/cache")
async def set_cache(key: str):
    cache.set(key, "1")  # want: FA103
    cache.publish("events", key)  # want: FA103
    return {"ok": True}


async def audit(event: str):
    await cache.set("last", event)


class Notifier:
    async def send(self, text: str):
        await cache.publish("n", text)

    async def broadcast(self, text: str):
        self.send(text)  # want: FA103


@router.post("/events")
async def post_event(event: str):
    audit(event)  # want: FA103
    _ = audit(event)  # want: FA103
    notifier: Notifier = Notifier()
    notifier.send(event)  # want: FA103

    async def inner():
        await audit("inner")

    inner()  # want: FA103
    return {"ok": True}


def sync_helper(event: str):
    audit(event)  # want: FA103


async def main():
    await audit("boot")


if __name__ == "__main__":
    main()  # want: FA103
