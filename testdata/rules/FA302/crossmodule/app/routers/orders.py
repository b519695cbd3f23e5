from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database import get_db
from app.models import Order

router = APIRouter()


@router.get("/")
def list_orders(db: Session = Depends(get_db)):
    stmt = select(Order).where(Order.id > 0)
    orders = db.scalars(stmt).all()
    out = []
    for order in orders:
        out.append(order.customer.name)  # want: FA302
        out.append(len(order.lines))
        out.append(order.notes.count())  # want: FA302
    return out


def report(db: Session):
    for order in db.execute(select(Order)).scalars():
        print(order.customer_id, order.customer)  # want: FA302
