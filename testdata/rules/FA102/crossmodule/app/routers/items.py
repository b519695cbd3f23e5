from fastapi import APIRouter, Depends

from app import cache
from app.cache import get_async_redis, get_redis, http, redis_client

router = APIRouter()


@router.get("/items/{item_id}")
async def get_item(item_id: int, r=Depends(get_redis)):
    hit = r.get(f"item:{item_id}")  # want: FA102
    redis_client.expire(f"item:{item_id}", 60)  # want: FA102
    cache.redis_client.delete("stale")  # want: FA102
    return hit


@router.get("/proxy")
async def proxy():
    return http.get("https://upstream.example.com", timeout=3).json()  # want: FA102


@router.get("/fine")
async def fine(r=Depends(get_async_redis)):
    return await r.get("k")


@router.get("/sync-items")
def sync_items(r=Depends(get_redis)):
    return r.get("k")
