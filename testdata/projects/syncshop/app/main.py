from fastapi import FastAPI

from .routers import orders

app = FastAPI(title="Shop", version="1.0")
app.include_router(orders.router, prefix="/api")
