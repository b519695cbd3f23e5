from pydantic import BaseModel


class UserCreate(BaseModel):
    email: str
    password: str


class ServiceAccountCreate(BaseModel):
    name: str
    password: str


class ServiceAccountOut(BaseModel):
    name: str
