from fastapi import APIRouter

from app.config import API_PREFIX

router = APIRouter(prefix=API_PREFIX)


@router.get("/ping")
async def ping():
    return "pong"
