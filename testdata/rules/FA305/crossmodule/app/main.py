from fastapi import FastAPI
from sqlmodel import Session, select

from app.models import Order

app = FastAPI()


def pending_count(session: Session) -> int:
    orders = session.exec(select(Order).where(Order.status == "pending")).all()
    return len(orders)  # want: FA305
