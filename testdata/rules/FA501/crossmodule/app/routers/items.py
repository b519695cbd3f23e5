from fastapi import APIRouter

from app.schemas import ItemIn

router = APIRouter(prefix="/items")


@router.post("")
async def create_item(item: ItemIn):
    return item
