from fastapi import APIRouter, FastAPI

from shop.health import router as health_router

items = APIRouter(prefix="/items", tags=["items"])


@items.get("/")
def list_items():
    return []


@items.get("/{item_id}")
def get_item(item_id: int):
    return {}


def create_app() -> FastAPI:
    app = FastAPI(title="Shop", version="1.0.0")
    app.include_router(items)
    app.include_router(health_router)
    return app
