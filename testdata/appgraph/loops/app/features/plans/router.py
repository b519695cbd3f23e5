from fastapi import APIRouter

router = APIRouter(prefix="/plans")


@router.get("/")
async def list_plans():
    """List the plans."""
    return []
