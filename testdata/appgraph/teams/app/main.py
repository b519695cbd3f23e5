from fastapi import Depends, FastAPI

from .api import api_router
from .deps import verify_key
from .routers import health

app = FastAPI(title="Teams", version="1.0", dependencies=[Depends(verify_key)])
app.include_router(api_router, prefix="/api/v1")
app.include_router(health.router, tags=["ops"])


@app.get("/")
async def root():
    return {"ok": True}
