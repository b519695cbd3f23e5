from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from sqlmodel import Session as SQLModelSession

SessionLocal = sessionmaker()
router = APIRouter()


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


@router.get("/orders")
def list_orders(db: Session = Depends(get_db)):
    orders = db.query(Order).all()
    out = []
    for order in orders:
        customer = db.query(Customer).filter(Customer.id == order.customer_id).first()  # want: FA301
        items = db.query(Item).filter(Item.order_id == order.id).all()
        out.append((order, customer, items))
    return out


@router.get("/teams")
def team_members(team_ids: list[int], db=Depends(get_db)):
    return [db.get(Team, tid) for tid in team_ids]  # want: FA301


def by_statement(user_ids, db: Session):
    for uid in user_ids:
        stmt = select(User).where(User.id == uid)
        db.execute(stmt).scalar_one()  # want: FA301


def tuple_targets(pairs, db: Session):
    for key, (a, b) in pairs:
        db.scalar(select(Pair).where(Pair.a == a))  # want: FA301


def nested(groups, db: Session):
    for group in groups:
        for member in group.members:
            db.scalars(select(User).where(User.id == member.user_id)).first()  # want: FA301


def with_sqlmodel(ids: list[int]):
    with SQLModelSession(engine) as session:
        return {i: session.exec(select(Hero).where(Hero.id == i)).first() for i in ids}  # want: FA301


def legacy_get(ids, db: Session):
    rows = []
    for i in ids:
        rows.append(db.query(User).get(i))  # want: FA301
    return rows
