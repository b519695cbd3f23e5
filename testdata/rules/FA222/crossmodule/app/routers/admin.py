from typing import Any

from fastapi import APIRouter, Depends

from app import models
from app.deps import require_admin
from app.schemas import UserRead, UserUpdate

router = APIRouter(prefix="/admin", dependencies=[Depends(require_admin)])


@router.patch("/users/{user_id}", response_model=UserRead)
def admin_update(user_id: int, body: UserUpdate):
    return body


@router.post("/users/raw")
def admin_create(payload: dict[str, Any]):
    return models.User(**payload)
