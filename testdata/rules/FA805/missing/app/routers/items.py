from fastapi import APIRouter

router = APIRouter(prefix="/items")


@router.post("/")
async def create_item():
    return {}
