from fastapi import FastAPI

from app.api.main import api_router
from app.core.config import settings

app = FastAPI(title="Shop", version="1.0.0")
app.include_router(api_router, prefix=settings.API_V1_STR)


@app.get("/health")  # want: FA701
def health():
    return {"status": "ok"}


@app.get("/")
def root():
    return {}
