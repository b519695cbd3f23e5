from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, contains_eager, joinedload, raiseload, selectinload

from app import models
from app.database import get_async_db, get_db
from app.models import Order, User

router = APIRouter()


@router.get("/eager")
def eager(db: Session = Depends(get_db)):
    users = db.query(User).options(joinedload(User.team), selectinload(User.items).joinedload(models.Item.product)).all()
    out = []
    for u in users:
        out.append(u.team.name)
        for item in u.items:
            out.append(item.product.name)
    return out


@router.get("/eager/async")
async def eager_async(session: AsyncSession = Depends(get_async_db)):
    stmt = select(User).options(selectinload(User.team))
    stmt = stmt.where(User.id > 0)
    users = (await session.execute(stmt)).scalars().all()
    return [u.team.name for u in users]


@router.get("/strategy")
def strategy(db: Session = Depends(get_db)):
    return [(u.roles, u.audit) for u in db.query(User)]


@router.get("/columns")
def columns(db: Session = Depends(get_db)):
    return [(u.id, u.name, u.team_id) for u in db.query(User).all()]


@router.get("/joined")
def joined(db: Session = Depends(get_db)):
    orders = db.query(Order).join(Order.customer).options(contains_eager(Order.customer)).all()
    return [o.customer.name for o in orders]


@router.get("/raise")
def raise_all(db: Session = Depends(get_db)):
    return [u.team for u in db.query(User).options(raiseload("*"))]


@router.get("/opts")
def opts(db: Session = Depends(get_db)):
    options = [selectinload(User.team)]
    return [u.team for u in db.query(User).options(*options)]


@router.get("/plain")
def plain(users: list[User]):
    return [u.team for u in users]


@router.get("/literal")
def literal():
    rows = [{"team": 1}]
    return [r.team for r in rows]


@router.get("/other")
def other(db: Session = Depends(get_db)):
    for u in db.query(User).all():
        u.team = None
        print(u.name)
    return []
