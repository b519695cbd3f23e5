from typing import Any, Dict, List, Mapping, Optional

from fastapi import APIRouter, Body, Depends, FastAPI, Request
from pydantic import BaseModel
from sqlalchemy.orm import DeclarativeBase

app = FastAPI()
router = APIRouter()
JSONObject = Dict[str, Any]


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"


@app.post("/users")
async def create_user(payload: dict):  # want: FA501
    return payload


@app.post("/users/bulk")
async def bulk_users(payloads: List[Dict[str, Any]]):  # want: FA501
    return payloads


@app.patch("/users/{user_id}")
async def patch_user(user_id: int, changes: Dict[str, Any] = Body(...)):  # want: FA501
    return changes


@app.put("/settings")
async def put_settings(settings: Optional[dict] = None):  # want: FA501
    return settings


@app.post("/events")
async def ingest(event: Any = Body(...)):  # want: FA501
    return event


@app.post("/notes")
async def add_note(note=Body(..., embed=True)):  # want: FA501
    return note


@router.post("/documents")
async def add_document(doc: JSONObject):  # want: FA501
    return doc


@router.post("/tags")
async def add_tags(tags: list):  # want: FA501
    return tags


@router.api_route("/mappings", methods=["POST", "PUT"])
async def add_mapping(mapping: Mapping[str, Any]):  # want: FA501
    return mapping


@router.post("/raw")
async def raw_event(request: Request):
    data = await request.json()  # want: FA501
    return data


@router.post("/signup")
async def signup(request: Request):
    form = await request.form()  # want: FA501
    user = User(**form)  # an ORM model: no validation
    return user


async def parsed_payload(request: Request):
    return await request.json()  # want: FA501


@router.post("/hooks")
async def hook(payload=Depends(parsed_payload)):
    return payload


def create_app() -> FastAPI:
    factory_app = FastAPI()

    @factory_app.post("/ping")
    async def ping(body: dict):  # want: FA501
        return body

    return factory_app


app.include_router(router)
