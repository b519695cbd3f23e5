import asyncio
import time
from functools import partial

import anyio
import httpx
import requests
from fastapi import APIRouter, BackgroundTasks
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import StreamingResponse

router = APIRouter()


def send_webhook(url: str) -> None:
    requests.post(url, timeout=5)


def slugify(name: str) -> str:
    # CPU only.
    return "-".join(name.lower().split())


def score(items: list) -> int:
    return sum(len(slugify(i)) for i in items)


def factorial(n: int) -> int:
    return 1 if n <= 1 else n * factorial(n - 1)


async def send_webhook_async(url: str) -> None:
    async with httpx.AsyncClient() as client:
        await client.post(url)


def schedule_webhook(url: str):
    # Calling an async function from sync code only creates a coroutine.
    return send_webhook_async(url)


def make_sender(url: str):
    # The blocking call is in a nested def / lambda: not run by make_sender.
    def sender():
        send_webhook(url)

    return sender, lambda: time.sleep(1)


def run_callback(callback, url: str) -> None:
    callback(url)


HANDLERS = {"webhook": send_webhook}


def dispatch(kind: str, url: str) -> None:
    HANDLERS[kind](url)
    getattr(requests, "post")(url)


def stream_lines(path: str):
    with open(path) as f:
        for line in f:
            yield line


def async_client_helper(client: httpx.AsyncClient):
    # Not blocking: returns an awaitable.
    return client.get("https://example.com")


def bad_async_query(db: AsyncSession):
    # A runtime error (FA101's business in an async def), not blocking I/O.
    return db.query(dict)


# A chain longer than the analysis follows (8 functions): not reported.
def deep9():
    time.sleep(1)


def deep8():
    deep9()


def deep7():
    deep8()


def deep6():
    deep7()


def deep5():
    deep6()


def deep4():
    deep5()


def deep3():
    deep4()


def deep2():
    deep3()


def deep1():
    deep2()


@router.post("/hooks")
async def offloaded(url: str, background_tasks: BackgroundTasks):
    await run_in_threadpool(send_webhook, url)
    await asyncio.to_thread(send_webhook, url)
    await anyio.to_thread.run_sync(send_webhook, url)
    await run_in_threadpool(lambda: send_webhook(url))
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, send_webhook, url)
    await loop.run_in_executor(None, partial(send_webhook, url))
    background_tasks.add_task(send_webhook, url)
    return {}


@router.post("/cpu")
async def cpu(names: list):
    return {"slug": slugify(names[0]), "score": score(names), "f": factorial(5)}


@router.post("/async")
async def async_callees(url: str):
    await send_webhook_async(url)
    await schedule_webhook(url)
    send_webhook_async(url)  # not awaited: FA103's business
    return {}


@router.post("/unseen")
async def unseen(url: str):
    sender, later = make_sender(url)
    run_callback(print, url)
    dispatch("webhook", url)
    deep1()
    return {}


@router.get("/stream")
async def stream(path: str):
    return StreamingResponse(stream_lines(path))


@router.get("/kinds")
async def kinds(client: httpx.AsyncClient, db: AsyncSession):
    r = await async_client_helper(client)
    return {"r": r, "bad": bad_async_query(db)}


@router.get("/direct")
async def direct(url: str):
    requests.get(url)  # FA102's business
    time.sleep(1)  # FA102's business
    return {}


@router.post("/sync")
def sync_handler(url: str):
    send_webhook(url)
    return {}


async def outer(url: str):
    def inner():
        send_webhook(url)  # in a sync nested def, run later (or in a thread)

    await run_in_threadpool(inner)
