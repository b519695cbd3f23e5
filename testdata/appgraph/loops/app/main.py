from fastapi import FastAPI

from app.api import api_router

app = FastAPI(title="Loops", version="1.0")
app.include_router(router=api_router)
