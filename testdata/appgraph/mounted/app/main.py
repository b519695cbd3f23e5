from fastapi import FastAPI

from app.api import admin, items
from app.core import config
from app.core.config import settings

app = FastAPI(title=settings.PROJECT_NAME)
api = FastAPI()
api.include_router(items.router, prefix=settings.API_V1_STR)
api.include_router(admin.router, prefix=f"{settings.API_V1_STR}/admin")
app.mount(config.API_PREFIX, api)


@app.get("/health")
def health():
    return {"status": "ok"}


@api.get("/ping")
def ping(unknown_prefix: str):
    return "pong"
