from fastapi import APIRouter

router = APIRouter(prefix="/users", tags=["users"])


@router.get("/")
async def list_users():
    return []


@router.get("/{user_id}/status")
async def user_status(user_id: int):
    # A status under a path parameter is not a health check.
    return {"active": True}
