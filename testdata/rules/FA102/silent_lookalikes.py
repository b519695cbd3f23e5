import asyncio
import os
import subprocess
import time
from functools import partial
from pathlib import Path

import aiofiles
import anyio
import httpx
import redis
import redis.asyncio as aioredis
import requests
from fastapi import APIRouter, Depends
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

router = APIRouter()
async_cache = aioredis.Redis()


# The same calls in plain defs: FastAPI runs them in a threadpool.
@router.get("/sync")
def sync_handler():
    time.sleep(1)
    requests.get("https://example.com", timeout=3)
    with open("x.txt") as fh:
        data = fh.read()
    Path("x.txt").read_text()
    subprocess.run(["ls"])
    os.system("ls")
    redis.Redis().get("k")
    return data


@router.get("/offloaded")
async def offloaded_calls(url: str):
    r = await run_in_threadpool(requests.get, url, timeout=3)
    await asyncio.to_thread(time.sleep, 1)
    await asyncio.to_thread(lambda: open("x.txt").read())
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, partial(requests.post, url, timeout=3))
    await run_in_threadpool(lambda: Path("x.txt").read_text())
    await anyio.to_thread.run_sync(subprocess.run, ["ls"])
    return r


@router.get("/nested")
async def nested_def(url: str):
    def work():
        with open("report.csv") as fh:
            body = fh.read()
        requests.post(url, data=body, timeout=3)
        time.sleep(1)

    await run_in_threadpool(work)
    await asyncio.to_thread(work)


@router.get("/async")
async def async_alternatives(url: str):
    await asyncio.sleep(1)
    async with httpx.AsyncClient() as client:
        r = await client.get(url)
        await client.post(url, json={})
    async with aiofiles.open("x.txt") as fh:
        await fh.read()
    await anyio.Path("x.txt").read_text()
    p = anyio.Path("y.txt")
    await p.write_text("ok")
    await async_cache.get("k")
    proc = await asyncio.create_subprocess_exec("ls")
    await proc.wait()
    return r.json()


@router.get("/db")
async def sync_session_is_fa101(db: Session):
    # FA101 reports these; FA102 must not report them again.
    db.execute("SELECT 1")
    db.get(object, 1)


async def unknown_receivers(repo, client, path):
    repo.get(1)
    client.get("https://example.com")
    path.read_text()
    cache = {}
    cache.get("k")


async def not_blocking_builders():
    s = requests.Session()
    c = httpx.Client()
    pipe = redis.Redis().pipeline()
    return s, c, pipe


async def non_blocking_socket():
    import socket

    s = socket.socket()
    s.setblocking(False)
    await asyncio.get_running_loop().sock_connect(s, ("localhost", 80))


def module_helper():
    return requests.get("https://example.com", timeout=3)
