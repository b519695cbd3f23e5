import asyncio

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool

app = FastAPI()


async def fetch_all():
    return [1, 2, 3]


def sync_helper():
    # a plain function: fine when called from a thread or a script
    return asyncio.run(fetch_all())


def cli_entry():
    loop = asyncio.new_event_loop()
    return loop.run_until_complete(fetch_all())


@app.get("/ok")
async def ok():
    data = await fetch_all()
    more = await asyncio.to_thread(lambda: asyncio.run(fetch_all()))
    other = await run_in_threadpool(sync_helper)
    return data + more + other


@app.get("/sync")
def sync_ok():
    return {"status": "ok"}


async def main():
    await fetch_all()


if __name__ == "__main__":
    asyncio.run(main())
