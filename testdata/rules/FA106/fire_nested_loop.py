import asyncio
from asyncio import run as run_async

from fastapi import APIRouter, FastAPI

app = FastAPI()
router = APIRouter()


async def fetch_all():
    return [1, 2, 3]


@router.get("/report")
def report():
    data = asyncio.run(fetch_all())  # want: FA106
    return data


@app.get("/sync-loop")
def sync_loop():
    loop = asyncio.new_event_loop()
    return loop.run_until_complete(fetch_all())  # want: FA106


@router.get("/async")
async def inside_async():
    return asyncio.run(fetch_all())  # want: FA106


async def helper():
    loop = asyncio.get_event_loop()
    loop.run_until_complete(fetch_all())  # want: FA106
    asyncio.get_event_loop().run_until_complete(fetch_all())  # want: FA106
    return run_async(fetch_all())  # want: FA106
