from fastapi import APIRouter, FastAPI

from app.api import admin, users
from app.api.legacy import legacy
from app.config import settings

app = FastAPI()
api = APIRouter()
api.include_router(users.router)
api.include_router(admin.router)
api.include_router(legacy, prefix="/users")
app.include_router(api, prefix=settings.API_V1_STR)
