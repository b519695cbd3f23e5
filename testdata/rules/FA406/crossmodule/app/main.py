from fastapi import Depends, FastAPI, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from app import crud
from app.crud import repo

app = FastAPI()


async def get_db() -> AsyncSession:
    ...


@app.get("/items/{item_id}")
async def read_item(item_id: int, db: AsyncSession = Depends(get_db)):
    item = await crud.get_item(db, item_id)
    return {"title": item.title}  # want: FA406


@app.get("/strict/{item_id}")
async def read_strict(item_id: int, db: AsyncSession = Depends(get_db)):
    item = await crud.get_item_strict(db, item_id)
    return {"title": item.title}


@app.get("/checked/{item_id}")
async def read_checked(item_id: int, db: AsyncSession = Depends(get_db)):
    item = await crud.get_item(db, item_id)
    if item is None:
        raise HTTPException(status_code=404)
    return {"title": item.title}


@app.get("/by-title/{title}")
def by_title(title: str, db=Depends(get_db)):
    item = repo.by_title(db, title)
    return {"id": item.id}  # want: FA406
