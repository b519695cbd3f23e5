from typing import Annotated, Optional

from fastapi import APIRouter, Depends, FastAPI, Query
from pydantic import conint

app = FastAPI()
router = APIRouter()


@app.get("/items")
async def list_items(skip: int = 0, limit: int = 100):  # want: FA508
    return []


@app.get("/users")
async def list_users(page: int = 1, page_size: int = Query(20, ge=1)):  # want: FA508
    return []


@app.get("/posts")
async def list_posts(per_page: Annotated[int, Query(ge=1)] = 10):  # want: FA508
    return []


@app.get("/events")
async def list_events(size: Optional[int] = None):  # want: FA508
    return []


@app.get("/logs")
async def list_logs(count: int | None = Query(default=None, description="how many")):  # want: FA508
    return []


@router.get("/audit")
def list_audit(limit: conint(ge=1) = 50):  # want: FA508
    return []


@router.api_route("/search", methods=["GET", "POST"])
def search(q: str, pageSize: int = Query(25, alias="pageSize")):  # want: FA508
    return []


def pagination(skip: int = 0, limit: int = 100):  # want: FA508
    return skip, limit


class Paging:
    def __init__(self, page: int = 1, per_page: int = 50):  # want: FA508
        self.page, self.per_page = page, per_page


@router.get("/orders")
def list_orders(pages=Depends(pagination), paging: Paging = Depends()):
    return []


app.include_router(router)
