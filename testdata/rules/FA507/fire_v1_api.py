from typing import Optional

import pydantic
from fastapi import FastAPI
from pydantic import BaseModel, BaseSettings, Field, constr, root_validator, validator  # want: FA507

app = FastAPI()


class Settings(BaseSettings):
    database_url: str = "sqlite://"


class UserOut(BaseModel):
    id: int
    email: str
    code: str = Field(..., regex=r"^[A-Z]+$")  # want: FA507
    slug: constr(regex=r"^[a-z-]+$") = "x"  # want: FA507

    class Config:
        orm_mode = True  # want: FA507
        allow_population_by_field_name = True  # want: FA507
        schema_extra = {"example": {"id": 1}}  # want: FA507
        json_encoders = {}

    @validator("email")  # want: FA507
    def lower(cls, value):
        return value.lower()

    @root_validator(pre=True)  # want: FA507
    def check(cls, values):
        return values

    @pydantic.validator("code")  # want: FA507
    def upper(cls, value):
        return value.upper()


class AdminOut(UserOut):
    class Config:
        allow_mutation = False  # want: FA507


@app.get("/users/{user_id}")
def read_user(user_id: int, db=None) -> dict:
    row = db.get(user_id)
    user = UserOut.from_orm(row)  # want: FA507
    payload = UserOut.parse_obj({"id": 1, "email": "a"})  # want: FA507
    schema = UserOut.schema()  # want: FA507
    data = user.dict()  # want: FA507
    text = payload.json()  # want: FA507
    return data


def update(user: UserOut, changes: dict) -> Optional[UserOut]:
    updated = user.copy(update=changes)  # want: FA507
    return updated


def build() -> str:
    admin = AdminOut(id=1, email="a")
    return admin.json(exclude={"email"})  # want: FA507
