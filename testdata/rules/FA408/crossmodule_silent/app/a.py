from fastapi import APIRouter

PREFIX = "/alpha"
router = APIRouter(prefix=PREFIX)


@router.get("/")
async def index():
    return []
