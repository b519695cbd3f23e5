from fastapi import APIRouter, Depends
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy import select
import asyncio

engine = create_async_engine("sqlite+aiosqlite://")
AsyncSessionLocal = async_sessionmaker(engine)
SyncSessionLocal = sessionmaker()
router = APIRouter()


async def get_db():
    async with AsyncSessionLocal() as session:
        yield session


@router.get("/items")
async def list_items(db: AsyncSession = Depends(get_db)):
    result = await db.execute(select(Item))
    await db.commit()
    return result.scalars().all()


@router.get("/sync")
def sync_handler(db: Session = Depends(get_db)):
    # A plain def runs in the threadpool: blocking is fine here.
    return db.query(Item).all()


@router.post("/add")
async def add_only(db: Session):
    db.add(Item())
    db.add_all([Item()])
    db.expunge(Item())


@router.get("/offloaded")
async def offloaded(db: Session):
    rows = await run_in_threadpool(lambda: db.query(Item).all())
    more = await asyncio.to_thread(db.execute, select(Item))
    return rows


async def unknown_receiver(repo, cache: dict):
    repo.query(Item)
    cache.get("x")
