from typing import Annotated

from fastapi import APIRouter, Body, Cookie, Depends, FastAPI, File, Form, Header, Path, Query, UploadFile
from pydantic import BaseModel, Field

app = FastAPI()
router = APIRouter()


def get_db():
    yield None


DBDep = Annotated[object, Depends(get_db)]


class Item(BaseModel):
    name: str = Field(default="x", max_length=10)


@app.post("/stuff/{folder}")
def do_stuff(
    folder: Annotated[str, Path()],
    session_id: Annotated[str, Cookie()],
    attachment: Annotated[UploadFile, File()],
    title: Annotated[str, Form()],
    db: DBDep,
    search: Annotated[str | None, Query()] = None,
    note: Annotated[str, Body()] = "none",
    retries: Annotated[int, Header()] = 3,
):
    return {}


# Without an annotation there is no type to put in Annotated (as in ruff).
@app.get("/untyped")
def untyped(db=Depends(get_db), q=Query(None)):
    return {}


# Not FastAPI markers.
@app.post("/items")
def create_item(item: Item = Item(), marker: Body("x") = None, name: str = str("x")):
    return item


# Dependency functions and plain functions are left alone.
def get_settings(db: object = Depends(get_db), region: str = Query("eu")):
    return db


def helper(value: str = Query("x")):
    return value


class Repository:
    def list(self, db: object = Depends(get_db)):
        return []


app.include_router(router)
