from fastapi import APIRouter

from app.api.routes import items, users, ws

api_router = APIRouter()
api_router.include_router(items.router)
api_router.include_router(users.router, prefix="/users", tags=["users"])
api_router.include_router(ws.router)
