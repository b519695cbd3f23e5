from fastapi import Request


async def get_body(request: Request) -> bytes:
    # Verified against the X-Slack-Signature header by the caller.
    return await request.body()
