from pydantic import BaseModel, EmailStr, Field, field_validator

from app.schemas.base import ContactBase, UserBase


class UserCreate(UserBase):
    password: str  # want: FA506


class UserUpdate(ContactBase):
    password: str | None = Field(default=None, min_length=8)

    @field_validator("backup_email")
    @classmethod
    def check_backup(cls, value: str) -> str:
        return value


class UserOut(UserBase):
    id: int


class ContactOut(ContactBase):
    id: int


class LoginIn(BaseModel):
    email: EmailStr
    password: str  # want: FA506


class AdminOut(BaseModel):
    email: str
    password: str
