from fastapi import APIRouter

from ..security import CurrentUser

router = APIRouter()


@router.put("/me")
def update_me(user: CurrentUser):
    return user


@router.get("/public")
def public_profile():
    return {}
