from pydantic import BaseModel


class UserBase(BaseModel):
    email: str


class UserCreate(UserBase):
    password: str


class UserUpdate(UserBase):
    is_superuser: bool = False


class UserRead(UserBase):
    id: int
    is_superuser: bool
