from fastapi import FastAPI

from app.routers import items, users

app = FastAPI(title="shop")  # want: FA805
app.include_router(users.router)
app.include_router(items.router, prefix="/api/v1")
