from fastapi import Depends, FastAPI
from sqlalchemy import Column, ForeignKey, Integer, String, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Mapped, Session, declarative_base, mapped_column, relationship, sessionmaker

Base = declarative_base()
SessionLocal = sessionmaker()
AsyncSessionLocal = async_sessionmaker()
app = FastAPI()


class Author(Base):
    __tablename__ = "authors"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    books = relationship("Book", back_populates="author")


class Book(Base):
    __tablename__ = "books"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    author: Mapped["Author"] = relationship(back_populates="books", lazy="select")


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


async def get_session():
    async with AsyncSessionLocal() as session:
        yield session


@app.get("/authors")
def authors(db: Session = Depends(get_db)):
    return {a.name: [b.title for b in a.books] for a in db.query(Author)}  # want: FA302


@app.get("/books")
async def books(session: AsyncSession = Depends(get_session)):
    rows = await session.scalars(select(Book).where(Book.id > 0))
    out = []
    for book in rows:
        out.append({"title": book.title, "author": book.author.name})  # want: FA302
    return out


@app.get("/books/first")
async def first_books(session: AsyncSession = Depends(get_session)):
    result = await session.execute(select(Book).limit(10))
    books = result.unique().scalars().all()
    return {book.title: book.author.name for book in books}  # want: FA302


@app.get("/books/set")
def book_authors(db: Session = Depends(get_db)):
    return set(book.author for book in db.execute(select(Book)).scalars().all())  # want: FA302


@app.get("/books/stream")
async def stream_books(session: AsyncSession = Depends(get_session)):
    out = []
    async for book in await session.stream_scalars(select(Book)):
        out.append(book.author)  # want: FA302
    return out
