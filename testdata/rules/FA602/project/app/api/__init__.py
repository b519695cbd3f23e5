from fastapi import APIRouter

from app.api import items, orders, users

api_router = APIRouter()
api_router.include_router(items.router, prefix="/items", tags=["items"])
api_router.include_router(orders.router, prefix="/orders")
api_router.include_router(users.router, prefix="/users")
