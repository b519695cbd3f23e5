from fastapi import Header, HTTPException


async def require_token(x_token: str = Header()):
    if x_token != "expected":
        raise HTTPException(status_code=401)
