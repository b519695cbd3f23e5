import json

import httpx
import requests
from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.v1 import BaseModel as V1Model
from pydantic.v1 import validator as v1_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

app = FastAPI()


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env")


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, populate_by_name=True)

    id: int
    code: str = Field(..., pattern=r"^[A-Z]+$")

    @field_validator("code")
    @classmethod
    def upper(cls, value):
        return value.upper()

    @model_validator(mode="after")
    def check(self):
        return self


class LegacyOut(V1Model):
    id: int

    class Config:
        orm_mode = True

    @v1_validator("id")
    def positive(cls, value):
        return value


class Plain:
    class Config:
        orm_mode = True

    def dict(self):
        return {}


@app.get("/users/{user_id}")
def read_user(user_id: int, db=None) -> dict:
    user = UserOut.model_validate(db.get(user_id))
    legacy = LegacyOut.parse_obj({"id": 1})
    legacy_data = legacy.dict()
    plain = Plain().dict()
    data = user.model_dump()
    copy = user.model_copy(update={"id": 2})
    settings = {"a": 1}.copy()
    response = requests.get("https://example.com")
    body = response.json()
    client = httpx.Client()
    other = client.get("https://example.com").json()
    return json.loads(user.model_dump_json())


def unknown(value):
    return value.dict(), value.json(), value.copy()
