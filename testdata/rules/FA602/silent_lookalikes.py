from enum import Enum

from fastapi import APIRouter, FastAPI


class Tags(Enum):
    items = "items"
    orders = "orders"


app = FastAPI(title="Shop", version="1.0.0")
items = APIRouter(prefix="/items", tags=[Tags.items])
orders = APIRouter(prefix="/orders")
hidden = APIRouter(prefix="/internal", include_in_schema=False)
# A router that is never included into an app of this module.
orphan = APIRouter()


@items.get("/")
def list_items():
    return []


@orders.get("/")
def list_orders():
    return []


@app.get("/", tags=["meta"])
def root():
    return {}


@app.get("/version", tags=TAGS_META)
def version():
    return {}


@hidden.get("/stats")
def stats():
    return {}


@orphan.get("/lonely")
def lonely():
    return {}


TAGS_META = ["meta"]
app.include_router(items)
app.include_router(orders, tags=["orders"])
app.include_router(hidden)
