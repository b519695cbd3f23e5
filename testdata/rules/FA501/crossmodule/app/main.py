from fastapi import FastAPI

from app.api import extra  # noqa: F401
from app.routers import items

app = FastAPI()
app.include_router(items.router)
