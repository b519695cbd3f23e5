import asyncio
import functools

from fastapi import APIRouter, BackgroundTasks

router = APIRouter()
_background: set[asyncio.Task] = set()


async def audit(event: str) -> None:
    await asyncio.sleep(0)


async def send_email(to: str) -> None:
    await asyncio.sleep(0)


def make_sender(to: str):
    def sender():
        print(to)
    return sender


class Worker:
    def __init__(self):
        self._tasks = []
        self.loop = asyncio.get_event_loop()

    def start(self):
        self._tasks.append(asyncio.create_task(audit("start")))
        self.loop.create_task(audit("unknown loop"))


@router.post("/kept")
async def kept(email: str, background_tasks: BackgroundTasks):
    task = asyncio.create_task(audit("kept"))
    _background.add(task)
    task.add_done_callback(_background.discard)
    _background.add(asyncio.create_task(audit("set")))
    await asyncio.create_task(audit("awaited"))
    fut = asyncio.ensure_future(audit("future"))
    await fut
    async with asyncio.TaskGroup() as tg:
        tg.create_task(audit("group"))
    background_tasks.add_task(send_email, email)
    background_tasks.add_task(functools.partial(send_email, email))
    background_tasks.add_task(make_sender(email))
    background_tasks.add_task(lambda: print(email))
    return asyncio.create_task(audit("returned"))


@router.post("/untyped")
async def untyped(email: str, bt, queue):
    bt.add_task(send_email(email))
    queue.add_task(send_email(email))
    queue.create_task(audit("queue"))
