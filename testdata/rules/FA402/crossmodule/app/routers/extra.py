from fastapi import Depends

from app.database import get_async_session
from app.routers import items


@items.router.post("/archive")  # want: FA402
async def archive_item(payload: ArchiveIn, session=Depends(get_async_session)):
    session.add(Archive(**payload.model_dump()))
    await session.flush()
    return payload


@items.router.post("/preview", status_code=200)
async def preview_item(payload: ArchiveIn, session=Depends(get_async_session)):
    session.add(Archive(**payload.model_dump()))
    return payload


@items.router.post("/validate")
async def validate_item(payload: ArchiveIn, session=Depends(get_async_session)):
    session.add(Archive(**payload.model_dump()))
    return {"valid": True}
