import asyncio


async def send_email(to: str, subject: str) -> None:
    await asyncio.sleep(0)


def write_audit(event: str) -> None:
    print(event)


def email_job(to: str):
    async def job():
        await send_email(to, "hello")
    return job
