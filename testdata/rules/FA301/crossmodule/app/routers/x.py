from fastapi import APIRouter, Depends
from sqlalchemy import select

from ..database import get_async_db, get_db
from ..models import Author, Book

router = APIRouter(prefix="/books")


@router.get("/")
def list_books(db=Depends(get_db)):
    books = db.query(Book).all()
    return [
        {"book": b, "author": db.query(Author).filter(Author.id == b.author_id).one()}  # want: FA301
        for b in books
    ]


@router.get("/async")
async def list_books_async(db=Depends(get_async_db)):
    books = (await db.execute(select(Book))).scalars().all()
    for book in books:
        book.author = await db.get(Author, book.author_id)  # want: FA301
        book.co_author = await db.get(Author, book.co_author_id)
    return books


@router.post("/")
def create_books(payload: list[dict], db=Depends(get_db)):
    for item in payload:
        db.add(Book(**item))
    db.commit()


@router.get("/statuses")
def by_status(db=Depends(get_db)):
    return {s: db.query(Book).filter(Book.status == s).count() for s in ("draft", "published")}
