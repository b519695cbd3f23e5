from typing import Annotated

import annotated_types
from fastapi import APIRouter, Body, Depends, FastAPI, Path, Query
from pydantic import BaseModel, Field, conint

app = FastAPI()
router = APIRouter()
MAX_LIMIT = 100


@app.get("/items")
async def list_items(skip: int = 0, limit: int = Query(100, ge=1, le=500)):
    return []


@app.get("/users")
async def list_users(page_size: Annotated[int, Query(ge=1, le=100)] = 20):
    return []


@app.get("/posts")
async def list_posts(per_page: Annotated[int, Field(lt=101)] = 10):
    return []


@app.get("/events")
async def list_events(size: conint(ge=1, le=200) = 50):
    return []


@app.get("/logs")
async def list_logs(count: Annotated[int, annotated_types.Le(1000)] = 10):
    return []


@app.get("/clamped")
async def clamped(limit: int = 100):
    limit = min(limit, MAX_LIMIT)
    return []


@app.get("/checked")
async def checked(limit: int = 100):
    if limit > MAX_LIMIT:
        raise ValueError("too many")
    return []


# Not pagination: other names, other types, path and body parameters.
@app.get("/things")
async def list_things(page: int = 1, offset: int = 0, limit: str = "10", size_label: int = 3):
    return []


@app.get("/thumbnails/{size}")
async def thumbnail(size: int):
    return {}


class Batch(BaseModel):
    count: int


@app.post("/batches")
async def create_batch(batch: Batch, count: int = Body(...)):
    return batch


# Functions that no route uses.
def helper(limit: int = 100):
    return limit


def unused_dependency(limit: int = 100):
    return limit


class Paging:
    def __init__(self, per_page: Annotated[int, Query(le=100)] = 50):
        self.per_page = per_page


@router.get("/orders")
def list_orders(paging: Paging = Depends()):
    return []


app.include_router(router)
