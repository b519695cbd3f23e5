from typing import Annotated

from fastapi import APIRouter, Depends

from app.deps import get_db, get_http

router = APIRouter(prefix="/items")

HttpDep = Annotated[object, Depends(get_http)]


@router.get("/")
def list_items(db=Depends(get_db)):
    return []


@router.get("/remote")
async def remote(http: HttpDep):
    return (await http.get("https://example.com")).json()
