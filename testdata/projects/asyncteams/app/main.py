from fastapi import FastAPI

from .api import api_router

app = FastAPI(title="Teams", version="1.0")
app.include_router(api_router, prefix="/api/v1")
