from fastapi import APIRouter

from app.routers import health, users

api_router = APIRouter()
api_router.include_router(users.router, prefix="/users")
api_router.include_router(health.router)
