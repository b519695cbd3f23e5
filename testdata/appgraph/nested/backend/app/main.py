# Run from backend/ (`uvicorn app.main:app`): imports start at the package
# app, although backend/ is a package too.
from fastapi import FastAPI

from app.api.router import api_router

app = FastAPI(title="Nested", version="1.0")
app.include_router(api_router, prefix="/api")


@app.get("/health")
async def health():
    """Liveness probe."""
    return {"status": "ok"}
