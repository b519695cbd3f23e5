from typing import Any

from fastapi import APIRouter, Depends

from app import models
from app.deps import get_current_user
from app.schemas import UserCreate, UserRead, UserUpdate

router = APIRouter(prefix="/users")


@router.post("/", response_model=UserRead)
def create_user(body: UserCreate):
    return models.User(**body.model_dump())


@router.patch("/me", response_model=UserRead)
def update_me(body: UserUpdate, user=Depends(get_current_user)):  # want: FA222
    return user


@router.put("/me/raw")
def replace_me(payload: dict[str, Any], user=Depends(get_current_user)):
    return models.User(**payload)  # want: FA222
