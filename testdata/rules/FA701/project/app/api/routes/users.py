from fastapi import APIRouter

router = APIRouter()


@router.get("/")
def list_users():
    return []


@router.get("/me")
def read_me():
    return {}


@router.post("/signup")  # want: FA701
def signup():
    return {}


@router.patch("/{user_id}", name="update_user")
def patch_user(user_id: int):
    return {}


@router.get("/{user_id}/avatar")
def avatar(user_id: int):
    return {}


@router.get("/{user_id}/settings")
def user_settings(user_id: int):
    return {}
