from fastapi import APIRouter

status_router = APIRouter(prefix="/status", tags=["status"])


@status_router.get("/")
async def read_status():
    """Report the service status."""
    return {"ok": True}
