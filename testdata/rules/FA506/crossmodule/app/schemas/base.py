from pydantic import BaseModel


class UserBase(BaseModel):
    email: str  # want: FA506
    full_name: str | None = None


class ContactBase(BaseModel):
    backup_email: str
