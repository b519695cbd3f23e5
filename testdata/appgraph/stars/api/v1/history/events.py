from fastapi import APIRouter

router = APIRouter(prefix="/history", tags=["history"])


@router.get("/events")
async def list_events():
    """List the history events."""
    return []
