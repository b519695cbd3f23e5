from typing import Annotated

from annotated_types import MinLen
from fastapi import FastAPI
from pydantic import BaseModel, EmailStr, Field, StringConstraints, constr, field_validator, model_validator

app = FastAPI()


class UserCreate(BaseModel):
    email: EmailStr
    password: str = Field(min_length=8, max_length=128)
    password_confirm: str
    current_password: str


class UserUpdate(BaseModel):
    email: str = Field(pattern=r"^[^@]+@[^@]+$")
    password: constr(min_length=12)


class TokenRequest(BaseModel):
    password: Annotated[str, StringConstraints(min_length=8)]
    backup_password: Annotated[str, MinLen(8)]


class ResetRequest(BaseModel):
    email: str
    password: str

    @field_validator("email", "password")
    @classmethod
    def check(cls, value: str) -> str:
        return value


class Registration(BaseModel):
    email: str
    password: str

    @model_validator(mode="after")
    def check(self):
        return self


# Response models: never read from the request.
class UserOut(BaseModel):
    email: str
    password: str


# Not a model of any route.
class Unused(BaseModel):
    email: str
    password: str


class Profile(BaseModel):
    email_verified: bool
    email_count: int
    password_set: bool
    hashed_password: str


@app.post("/users", response_model=UserOut)
async def create_user(user: UserCreate) -> UserOut:
    return UserOut(email="a", password="b")


@app.put("/users/me")
async def update_user(user: UserUpdate, token: TokenRequest, profile: Profile):
    return {}


@app.post("/reset")
async def reset(req: ResetRequest, reg: Registration):
    return {}


@app.get("/users/me")
async def read_me() -> UserOut:
    return UserOut(email="a", password="b")
