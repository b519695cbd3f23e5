from fastapi import APIRouter

router = APIRouter(tags=["users"])


@router.get("/")  # want: FA601
def list_users():
    return []


@router.get("/{user_id}")
def read_user(user_id: int):
    """Read one user."""
    return {}
