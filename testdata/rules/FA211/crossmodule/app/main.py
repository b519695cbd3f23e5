from fastapi import FastAPI

from .routers import safe, users

app = FastAPI(title="fixture", version="1")
app.include_router(users.router, prefix="/users")
app.include_router(safe.router, prefix="/safe")
