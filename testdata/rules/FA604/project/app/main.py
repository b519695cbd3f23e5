from fastapi import FastAPI

from app.routers import items, orders

app = FastAPI(title="Shop", version="1.0.0")
app.include_router(items.router, prefix="/items", responses={404: {"description": "Not found"}})
app.include_router(orders.router, prefix="/orders")


@app.get("/")
def root():
    return {}
