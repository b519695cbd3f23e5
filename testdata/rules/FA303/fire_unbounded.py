from fastapi import APIRouter, Depends
from sqlalchemy import Column, Integer, String, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, declarative_base
from sqlmodel import Field, SQLModel

Base = declarative_base()
router = APIRouter()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String)


class Hero(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str


def get_db() -> Session:
    ...


async def get_async_db() -> AsyncSession:
    ...


@router.get("/users")
def list_users(db: Session = Depends(get_db)):
    return db.query(User).all()  # want: FA303


@router.get("/users-async")
async def list_users_async(db: AsyncSession = Depends(get_async_db)):
    result = await db.execute(select(User).order_by(User.name))
    users = result.scalars().all()  # want: FA303
    return {"items": users, "total": len(users)}


@router.get("/users-out")
def list_users_out(db: Session = Depends(get_db)):
    stmt = select(User)
    rows = list(db.scalars(stmt))  # want: FA303
    return [{"id": u.id, "name": u.name} for u in rows]


@router.get("/heroes")
def list_heroes(session: Session = Depends(get_db)):
    heroes = session.exec(select(Hero)).all()  # want: FA303
    return heroes
