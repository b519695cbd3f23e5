from fastapi import FastAPI

from app import extra  # noqa: F401
from app.routers import orders

app = FastAPI()
app.include_router(orders.router)
