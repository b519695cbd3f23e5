import asyncio


async def notify(user_id: int, text: str) -> None:
    await asyncio.sleep(0)


def log_event(user_id: int, text: str) -> None:
    print(user_id, text)


async def stream_events():
    yield "event"


@queue.job
async def queued_notify(user_id: int) -> None:
    await asyncio.sleep(0)


class Notifier:
    async def send(self, text: str) -> None:
        await asyncio.sleep(0)

    def render(self, text: str) -> str:
        return text.upper()
