from typing import Optional

from pydantic import BaseModel, ConfigDict, SecretStr


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    email: str


class UserWithSecret(UserOut):
    hashed_password: str


class TeamOut(BaseModel):
    name: str
    owner: Optional[UserWithSecret] = None


class UserMasked(UserOut):
    password: SecretStr


class Token(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"
