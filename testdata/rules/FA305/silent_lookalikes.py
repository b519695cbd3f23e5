from fastapi import Depends, FastAPI
from sqlalchemy import Column, Integer, String, func, select
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()
app = FastAPI()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String)


def get_db() -> Session:
    ...


@app.get("/stats")
def stats(db: Session = Depends(get_db)):
    total = db.scalar(select(func.count()).select_from(User))
    legacy = db.query(User).count()
    return {"users": total, "legacy": legacy}


@app.get("/users")
def users(db: Session = Depends(get_db)):
    rows = db.query(User).all()
    # The rows are returned too: loading them is needed anyway.
    return {"count": len(rows), "items": rows}


@app.get("/page")
def page(db: Session = Depends(get_db)):
    first = db.query(User).limit(10).all()
    return {"n": len(first)}


@app.get("/names")
def names(db: Session = Depends(get_db)):
    users = db.query(User).all()
    for u in users:
        print(u.name)
    return {"n": len(users)}


class Cache:
    def query(self, x):
        return self

    def all(self):
        return []


cache = Cache()


@app.get("/not-db")
def not_db():
    return {"n": len(cache.query(User).all()), "m": len([1, 2, 3])}
