from fastapi import APIRouter

from app import services
from app.services import OrderService, export_orders

router = APIRouter(prefix="/orders")


@router.get("")  # want: FA502
async def read_orders():
    return services.list_orders()


@router.get("/export")
async def export():
    return export_orders()


@router.get("/download")
async def download(service: OrderService):
    return service.download()


@router.get("/summary")  # want: FA502
async def summary(service: OrderService):
    return service.summary()
