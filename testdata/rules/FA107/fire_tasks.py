import asyncio
from asyncio import create_task as spawn

import httpx
from fastapi import APIRouter, BackgroundTasks
from starlette.background import BackgroundTasks as StarletteTasks

router = APIRouter()


async def audit(event: str) -> None:
    await asyncio.sleep(0)


async def send_email(to: str) -> None:
    await asyncio.sleep(0)


def write_log(message: str) -> None:
    print(message)


def on_done(task):
    print(task)


@router.post("/signup")
async def signup(email: str, background_tasks: BackgroundTasks):
    asyncio.create_task(audit("signup"))  # want: FA107
    asyncio.ensure_future(audit("signup"))  # want: FA107
    spawn(audit("spawned"))  # want: FA107
    asyncio.create_task(audit("cb")).add_done_callback(on_done)  # want: FA107
    background_tasks.add_task(send_email(email))  # want: FA107
    background_tasks.add_task(write_log(f"signup {email}"))  # want: FA107
    background_tasks.add_task(func=send_email(email))  # want: FA107
    return {"ok": True}


@router.post("/loop")
async def loop_tasks():
    loop = asyncio.get_running_loop()
    loop.create_task(audit("loop"))  # want: FA107
    asyncio.get_event_loop().create_task(audit("loop2"))  # want: FA107


def schedule(loop: asyncio.AbstractEventLoop):
    loop.create_task(audit("scheduled"))  # want: FA107


@router.post("/manual")
async def manual(email: str, client: httpx.AsyncClient, tasks: StarletteTasks):
    extra = BackgroundTasks()
    extra.add_task(send_email(email))  # want: FA107
    tasks.add_task(client.post("https://example.com/hook", json={"email": email}))  # want: FA107
    return {"ok": True}
