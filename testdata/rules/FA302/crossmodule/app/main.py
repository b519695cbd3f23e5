from fastapi import FastAPI

from .routers import orders, safe, users

app = FastAPI(title="fixture", version="1")
app.include_router(users.router, prefix="/users")
app.include_router(orders.router, prefix="/orders")
app.include_router(safe.router, prefix="/safe")
