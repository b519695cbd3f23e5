from shop.routing import APIRouter

router = APIRouter(prefix="/orders", tags=["orders"])


@router.get("/")
async def list_orders():
    return []
