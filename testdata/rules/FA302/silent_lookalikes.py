from fastapi import Depends, FastAPI
from sqlalchemy import Column, ForeignKey, Integer, String, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, Session, declarative_base, joinedload, mapped_column, relationship, selectinload, subqueryload

Base = declarative_base()
app = FastAPI()


class Author(Base):
    __tablename__ = "authors"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    books = relationship("Book", back_populates="author", lazy="selectin")
    reviews = relationship("Review", lazy="subquery")
    prizes = relationship("Review", lazy="noload")


class Book(Base):
    __tablename__ = "books"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    author: Mapped["Author"] = relationship(back_populates="books")
    editor: Mapped["Author"] = relationship(lazy="joined")


class Review(Base):
    __tablename__ = "reviews"
    id = Column(Integer, primary_key=True)
    author_id = Column(Integer, ForeignKey("authors.id"))


class Plain:
    author = None


def get_db():
    yield Session()


# Eager strategies on the relationship.
@app.get("/authors")
def authors(db: Session = Depends(get_db)):
    return [(a.books, a.reviews, a.prizes) for a in db.query(Author).all()]


# Eager-load options on the query.
@app.get("/books")
async def books(session: AsyncSession = Depends(get_db)):
    stmt = select(Book).options(joinedload(Book.author))
    result = await session.execute(stmt)
    return [b.author.name for b in result.scalars()]


@app.get("/books/sub")
def books_sub(db: Session = Depends(get_db)):
    return [b.author for b in db.query(Book).options(subqueryload("author"))]


@app.get("/books/editor")
def books_editor(db: Session = Depends(get_db)):
    return [b.editor.name for b in db.query(Book).all()]


# Column attributes.
@app.get("/titles")
def titles(db: Session = Depends(get_db)):
    return [(b.id, b.title, b.author_id) for b in db.scalars(select(Book))]


# Loops over iterables that are not query results.
@app.get("/plain")
def plain(items: list[Book]):
    out = [Plain() for _ in range(3)]
    for p in out:
        print(p.author)
    return [b.author for b in items]


# A single object outside a loop.
@app.get("/book/{book_id}")
def book(book_id: int, db: Session = Depends(get_db)):
    b = db.get(Book, book_id)
    return b.author.name


# Rows (tuples) from execute() are not followed.
@app.get("/rows")
def rows(db: Session = Depends(get_db)):
    return [row.author for row in db.execute(select(Book)).all()]


# Eager loading through selectinload on the nested path.
@app.get("/authors/books")
def authors_books(db: Session = Depends(get_db)):
    authors = db.query(Author).options(selectinload(Author.books).selectinload(Book.editor)).all()
    return [[b.editor for b in a.books] for a in authors]


# A nested loop that binds the same name to something else.
@app.get("/shadow")
def shadow(db: Session = Depends(get_db)):
    out = []
    for b in db.query(Book).all():
        out.append([b.author for b in [Plain()]])
    return out
