from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, selectinload

from app.database import get_async_db, get_db
from app.models import User

router = APIRouter()
AsyncDB = Annotated[AsyncSession, Depends(get_async_db)]


@router.get("/")
def list_users(db: Session = Depends(get_db)):
    out = []
    for u in db.query(User).all():
        out.append({"name": u.name, "team": u.team.name})  # want: FA302
        out.append({"team_again": u.team.id})
    return out


@router.get("/items")
def list_items(db: Session = Depends(get_db)):
    users = db.query(User).filter(User.name != "").order_by(User.id).all()
    return [len(u.items) for u in users]  # want: FA302


@router.get("/async")
async def list_users_async(session: AsyncDB):
    result = await session.execute(select(User))
    names = []
    for u in result.scalars():
        names.append(u.team.name)  # want: FA302
    return names


@router.get("/async/inline")
async def list_users_inline(session: AsyncSession = Depends(get_async_db)):
    return [u.items for u in (await session.execute(select(User))).scalars().all()]  # want: FA302


@router.get("/nested")
def nested(db: Session = Depends(get_db)):
    users = db.query(User).options(selectinload(User.items)).all()
    out = []
    for u in users:
        for item in u.items:
            out.append(item.product.name)  # want: FA302
    return out


@router.get("/one/{user_id}")
def one_user(user_id: int, db: Session = Depends(get_db)):
    user = db.get(User, user_id)
    return [item.product.name for item in user.items]  # want: FA302
