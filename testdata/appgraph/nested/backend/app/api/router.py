from fastapi import APIRouter, Depends

from app.core.security import require_token

api_router = APIRouter(prefix="/items", tags=["items"], dependencies=[Depends(require_token)])


@api_router.get("/")
async def list_items():
    """List the items."""
    return []


@api_router.get("/{item_id}")
async def read_item(item_id: int):
    """Return one item."""
    return {"id": item_id}
