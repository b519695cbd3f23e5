from fastapi import APIRouter, FastAPI

app = FastAPI()  # want: FA805
router = APIRouter(prefix="/orders")


@router.get("/{order_id}/status")
async def order_status(order_id: int):
    return {}


@app.get("/")
async def index():
    return {}


app.include_router(router)
app.mount("/static", object())
