from fastapi import APIRouter

legacy = APIRouter()


@legacy.get("/{user_id}")  # want: FA408
async def legacy_user(user_id: int):
    return {"id": user_id}
