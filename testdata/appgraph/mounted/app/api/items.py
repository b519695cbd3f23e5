from fastapi import APIRouter

from app.core.config import API_PREFIX

ITEMS = "/items"
router = APIRouter(prefix=ITEMS, tags=["items"])


@router.get("/")
def list_items():
    return []


@router.get("/{item_id}")
def get_item(item_id: int):
    return {"id": item_id}
