from fastapi import APIRouter

from app.routers import teams, users

api_router = APIRouter()
api_router.include_router(teams.router, prefix="/teams", tags=["teams"])
api_router.include_router(users.router)
