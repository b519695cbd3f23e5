from fastapi import FastAPI

from app.api import api_router

app = FastAPI(title="Shop", version="1.0.0")
app.include_router(api_router, prefix="/api/v1")


@app.get("/", tags=["meta"])
def root():
    return {}
