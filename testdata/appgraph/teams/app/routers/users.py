from fastapi import APIRouter

router = APIRouter(prefix="/users", tags=["users"])


@router.get("/{user_id}")
def get_user(user_id: int):
    return {}


@router.delete("/{user_id}")
def delete_user(user_id: int):
    return None
