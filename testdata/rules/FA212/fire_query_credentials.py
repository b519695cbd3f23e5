from typing import Annotated, Optional

from fastapi import APIRouter, FastAPI, Query

app = FastAPI()
router = APIRouter()


@router.get("/export")
def export(api_key: str):  # want: FA212
    return {"ok": api_key}


@router.post("/login")
def login(username: str, password: str):  # want: FA212
    return {"user": username}


@app.get("/items")
async def items(
    page: int = 1,
    token: Optional[str] = None,  # want: FA212
    client_secret: str = Query(...),  # want: FA212
):
    return []


@app.get("/search")
async def search(q: str, key: Annotated[str, Query(alias="apiKey")]):  # want: FA212
    return []


@router.get("/reset-password")
def reset_page(token: str, new_password: str):  # want: FA212
    return {}
