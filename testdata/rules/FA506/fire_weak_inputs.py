from typing import Annotated, Optional

from fastapi import Depends, FastAPI, Form
from pydantic import BaseModel, Field, SecretStr

app = FastAPI()


class UserCreate(BaseModel):
    email: str  # want: FA506
    password: str  # want: FA506
    full_name: str = Field(max_length=100)


class Address(BaseModel):
    contact_email: Optional[str] = None  # want: FA506


class Signup(BaseModel):
    new_password: SecretStr  # want: FA506
    address: Address


class LoginForm(BaseModel):
    email_address: str | None = None  # want: FA506
    password: str = Field(..., description="the password")  # want: FA506


class Invite(BaseModel):
    userEmail: str  # want: FA506


class InviteFilter(BaseModel):
    owner_email: Annotated[str, Field(description="owner")]  # want: FA506


@app.post("/users")
async def create_user(user: UserCreate):
    return {"id": 1}


@app.post("/signup")
async def signup(data: Signup):
    return {}


@app.post("/login")
async def login(form: Annotated[LoginForm, Form()]):
    return {}


@app.post("/invites")
async def invite(invites: list[Invite]):
    return {}


@app.get("/invites")
async def list_invites(flt: Annotated[InviteFilter, Depends()]):
    return []
