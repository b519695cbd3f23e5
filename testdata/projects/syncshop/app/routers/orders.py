from fastapi import APIRouter, BackgroundTasks, Depends
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session, selectinload

from ..database import get_db
from ..models import Order, User
from ..schemas import UserOut
from ..services.notify import notify_order_created

router = APIRouter(prefix="/orders", tags=["orders"])


@router.get("/")
async def list_orders(db: Session = Depends(get_db)):
    return db.query(Order).all()  # want: FA101


@router.get("/skus")
def list_skus(db: Session = Depends(get_db)):
    orders = db.query(Order).all()
    skus = []
    for order in orders:
        for item in order.items:  # want: FA302
            skus.append(item.sku)
    return skus


@router.get("/skus-eager")
def list_skus_eager(db: Session = Depends(get_db)):
    orders = db.query(Order).options(selectinload(Order.items)).all()
    return [item.sku for order in orders for item in order.items]


@router.get("/lines")
def list_lines(db: Session = Depends(get_db)):
    return [len(order.lines) for order in db.query(Order).all()]


@router.post("/{order_id}/notify")
async def notify(order_id: int):
    notify_order_created(order_id)  # want: FA105
    await run_in_threadpool(notify_order_created, order_id)
    return {"ok": True}


@router.post("/{order_id}/notify-later")
async def notify_later(order_id: int, background_tasks: BackgroundTasks):
    background_tasks.add_task(notify_order_created, order_id)
    return {"ok": True}


@router.get("/owners/{user_id}")
def get_owner(user_id: int, db: Session = Depends(get_db)):
    return db.get(User, user_id)  # want: FA211


@router.get("/owners/{user_id}/public", response_model=UserOut)
def get_owner_public(user_id: int, db: Session = Depends(get_db)):
    return db.get(User, user_id)
