from fastapi import Depends, FastAPI
from sqlalchemy import select

from app import models
from app.db import get_session

app = FastAPI()


@app.get("/items")
async def items(session=Depends(get_session)):
    return (await session.scalars(select(models.Item))).all()  # want: FA303


from app import crud  # noqa: E402


@app.get("/items-sync")
def items_sync(db=Depends(get_session)):
    return crud.get_items(db)  # want: FA303


@app.get("/items-page")
def items_page(db=Depends(get_session)):
    return crud.get_items_page(db)


@app.get("/items-search")
def items_search(title: str, db=Depends(get_session)):
    return crud.search_items(db, title)
