from fastapi import APIRouter

router = APIRouter()


@router.get("/users/{id}")  # want: FA408
async def admin_read_user(id: int):
    return {"id": id}


@router.post("/users/{id}")
async def admin_update_user(id: int):
    return {"id": id}
