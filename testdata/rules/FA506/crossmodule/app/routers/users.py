from typing import Annotated

from fastapi import APIRouter, Depends

from app import schemas
from app.deps import get_login
from app.schemas.user import AdminOut, ContactOut

router = APIRouter(prefix="/users")


@router.post("", response_model=schemas.UserOut)
async def create_user(user: schemas.UserCreate):
    return user


@router.patch("/me")
async def update_me(changes: schemas.UserUpdate) -> ContactOut:
    return ContactOut(id=1, backup_email="x")


@router.post("/login")
async def login(credentials: Annotated[object, Depends(get_login)]):
    return {}


@router.get("/admin")
async def read_admin() -> AdminOut:
    return AdminOut(email="a", password="b")
