from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel
from sqlalchemy import Boolean, Column, Integer, String
from sqlalchemy.orm import DeclarativeBase, Session

router = APIRouter()


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String)
    is_admin = Column(Boolean, default=False)


class UserCreate(BaseModel):
    email: str
    password: str


class UserOut(BaseModel):
    email: str
    is_admin: bool
    role: str


class AdminUserUpdate(BaseModel):
    is_admin: bool


def get_db():
    yield None


def get_current_user():
    return None


def get_current_active_superuser(user=Depends(get_current_user)):
    if not user.is_superuser:
        raise HTTPException(status_code=403)
    return user


@router.post("/users", response_model=UserOut)
def signup(body: UserCreate, db: Session = Depends(get_db)):
    user = User(**body.model_dump())  # pydantic drops undeclared keys
    return user


@router.get("/users/{user_id}", response_model=UserOut)
def read_user(user_id: int):
    return None


@router.patch("/admin/users/{user_id}", dependencies=[Depends(get_current_active_superuser)])
def admin_update(user_id: int, body: AdminUserUpdate):
    return body


@router.patch("/users/{user_id}/role")
def set_role(user_id: int, body: AdminUserUpdate, current=Depends(get_current_user)):
    if not current.is_superuser:
        raise HTTPException(status_code=403)
    return body


@router.post("/raw")
async def create_raw(request: Request, db: Session = Depends(get_db)):
    data = await request.json()
    db.add(User(**data, is_admin=False))


class APIKeyCreate(BaseModel):
    name: str
    scopes: list[str]


@router.post("/me/api-keys")
def create_key(body: APIKeyCreate, user=Depends(get_current_user)):
    return body


@router.post("/admin/users")
def admin_create(body: AdminUserUpdate):
    return body
