from fastapi import APIRouter, HTTPException

from app.routers.common import router_responses

router = APIRouter(responses={403: {"description": "Forbidden"}})


@router.get("/{order_id}")
def read_order(order_id: int):
    if order_id == 0:
        raise HTTPException(status_code=403)
    raise HTTPException(status_code=404)  # want: FA604
