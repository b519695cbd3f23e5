from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, selectinload

router = APIRouter()


def literal_loops(db: Session):
    for status in ["new", "paid", "shipped"]:
        db.query(Order).filter(Order.status == status).count()
    for model in (User, Team):
        db.query(model).delete()
    return [db.get(User, i) for i in [1, 2, 3]]


async def built_then_executed_once(session: AsyncSession, items):
    stmts = []
    ids = []
    for item in items:
        stmts.append(select(User).where(User.id == item.user_id))
        ids.append(item.user_id)
    result = await session.execute(select(User).where(User.id.in_(ids)))
    return result.scalars().all(), stmts


def adds_in_loop(db: Session, payloads):
    for p in payloads:
        db.add(User(name=p.name))
        db.add_all([Tag(name=t) for t in p.tags])
    db.commit()


def query_not_depending_on_loop(db: Session, items):
    for item in items:
        settings = db.query(Settings).first()
        item.currency = settings.currency


def loop_over_query_result(db: Session):
    total = 0
    for row in db.query(Order).all():
        total += row.amount
    return [u.name for u in db.scalars(select(User)).all()]


async def eager_loaded(session: AsyncSession):
    result = await session.execute(select(Order).options(selectinload(Order.customer)))
    return [o.customer for o in result.scalars()]


def batched(db: Session, ids, total):
    for chunk in chunks(ids, 500):
        db.query(User).filter(User.id.in_(chunk)).all()
    for offset in range(0, total, 1000):
        db.query(User).order_by(User.id).offset(offset).limit(1000).all()


def unknown_receivers(repo, cache: dict, items):
    for item in items:
        repo.get(item.id)
        cache.get(item.id)
        repo.query(User).filter(User.id == item.id).first()


def nested_def_in_loop(db: Session, items):
    callbacks = []
    for item in items:
        def later():
            return db.get(User, 1)
        callbacks.append(later)
    return callbacks


def while_loop(db: Session, cursor):
    while cursor:
        cursor = db.get(Page, cursor).next_id
