from fastapi import APIRouter

router = APIRouter()


@router.get("/")  # want: FA602
def list_orders():
    return []


@router.get("/{order_id}")  # want: FA602
def read_order(order_id: int):
    return {}
