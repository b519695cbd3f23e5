from typing import Optional

from fastapi import Depends, FastAPI, HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import Column, Integer, String, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()
app = FastAPI()
fake_items = {"foo": {"name": "Foo"}}


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    owner_id = Column(Integer)


class UserOut(BaseModel):
    id: int
    name: str


def get_db() -> Session:
    ...


async def get_async_db() -> AsyncSession:
    ...


def find_user(db: Session, user_id: int) -> User:
    return db.get(User, user_id)


@app.get("/a/{user_id}", response_model=UserOut)
def a(user_id: int, db: Session = Depends(get_db)):
    user = db.query(User).filter(User.id == user_id).first()
    if not user:
        raise HTTPException(status_code=404, detail="User not found")
    return user


@app.get("/b/{user_id}")
def b(user_id: int, db: Session = Depends(get_db)):
    user = db.get(User, user_id)
    if user is None:
        return JSONResponse(status_code=404, content={"detail": "not found"})
    return {"name": user.name}


@app.get("/c/{user_id}")
async def c(user_id: int, db: AsyncSession = Depends(get_async_db)):
    if (user := await db.get(User, user_id)) is None:
        raise HTTPException(404)
    return {"name": user.name}


@app.get("/d/{user_id}")
def d(user_id: int, db: Session = Depends(get_db)):
    user = db.get(User, user_id)
    assert user, "checked by the middleware"
    return {"name": user.name}


@app.get("/e/{user_id}")
def e(user_id: int, current: int, db: Session = Depends(get_db)):
    user = db.get(User, user_id)
    if user is None or user.owner_id != current:
        raise HTTPException(404)
    return {"name": user.name}


@app.get("/f/{user_id}")
def f(user_id: int, db: Session = Depends(get_db)):
    user = db.get(User, user_id)
    return {"name": user.name if user else None, "id": user and user.id}


@app.get("/g/{user_id}")
async def g(user_id: int, db: AsyncSession = Depends(get_async_db)):
    result = await db.execute(select(User).where(User.id == user_id))
    user = result.scalar_one()  # raises when missing
    other = (await db.execute(select(User))).scalars().one()
    return {"name": user.name, "other": other.name}


@app.get("/h/{item_id}")
def h(item_id: str):
    item = fake_items.get(item_id, {"name": "default"})
    if (found := fake_items.get(item_id)) is not None:
        return found["name"]
    return item["name"]


@app.get("/i/{user_id}", response_model=Optional[UserOut])
def i(user_id: int, db: Session = Depends(get_db)):
    return db.get(User, user_id)  # the route allows null


@app.get("/j/{user_id}")
def j(user_id: int, db: Session = Depends(get_db)):
    user = find_user(db, user_id)  # not annotated Optional
    return {"id": user.id}


@app.get("/k/{user_id}")
def k(user_id: int, db: Session = Depends(get_db)):
    try:
        user = db.get(User, user_id)
        if not user:
            raise HTTPException(404)
    finally:
        db.close()
    return {"name": user.name}


@app.get("/l/{user_id}")
def l(user_id: int, db: Session = Depends(get_db)):
    user = db.get(User, user_id)
    if not user:
        user = User(id=user_id, name="new")
        db.add(user)
    return {"name": user.name}


@app.get("/m/{user_id}")
def m(user_id: int, db: Session = Depends(get_db)):
    user = db.get(User, user_id)
    ensure_exists(user)
    return {"name": user.name}


@app.get("/n/{user_id}")
def n(user_id: int, db: Session = Depends(get_db)):
    user = db.get(User, user_id)
    if user:
        return {"name": user.name}
    elif user_id < 0:
        return {"bad": True}
    raise HTTPException(404)


def get_optional_user(user_id: int = 0, db: Session = Depends(get_db)):
    return db.get(User, user_id)  # an optional dependency may return None


def helper(db: Session, user_id: int):
    return db.get(User, user_id).name  # not a handler nor a dependency


def ensure_exists(obj):
    if obj is None:
        raise HTTPException(404)


@app.get("/me")
def me(user=Depends(get_optional_user)):
    return {"user": user.name if user is not None else None}


class Cache:
    def get(self, key, default=None):
        return default


cache = Cache()


@app.get("/cache/{key}")
def cached(key: str):
    value = cache.get(key)
    return {"v": value.upper()}


@app.post("/reload")
def create_and_reload(name: str, db: Session = Depends(get_db)):
    user = User(name=name)
    db.add(user)
    db.commit()
    loaded = db.query(User).filter(User.id == user.id).first()  # the row was just written
    return {"name": loaded.name}


@app.get("/aggregate")
def aggregate(db: Session = Depends(get_db)):
    stats = db.execute(text("SELECT COUNT(*) AS n FROM users")).fetchone()
    return {"n": stats.n}


@app.put("/reload2/{user_id}")
def update_and_reload(user_id: int, db: Session = Depends(get_db)):
    current = db.get(User, user_id)
    if current is None:
        raise HTTPException(404)
    current.name = "x"
    db.commit()
    fresh = db.query(User).filter(User.id == current.id).one_or_none()
    return {"name": fresh.name}


@app.get("/best-effort/{user_id}")
def best_effort(user_id: int, db: Session = Depends(get_db)):
    user = db.get(User, user_id)
    try:
        audit = user.name.upper()
    except Exception:
        audit = None  # logged and ignored: no 500
    return {"audit": audit}
