from fastapi import APIRouter

PREFIX = "/beta"
router = APIRouter(prefix=PREFIX)


@router.get("/")
async def index():
    return []
