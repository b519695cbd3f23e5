from fastapi import APIRouter, FastAPI, WebSocket

from app.config import settings

app = FastAPI(title="Shop", version="1.0.0")
internal = APIRouter(prefix="/internal", include_in_schema=False)
ROUTE_OPTIONS = {"summary": "Shared"}


@app.get("/items")
async def list_items():
    """List the items in stock, newest first."""
    return []


@app.get("/items/{item_id}", summary="Read one item")
async def read_item(item_id: int):
    return {}


@app.post("/items", description="Create an item from the submitted form.")
async def create_item():
    return {}


@app.get("/health", include_in_schema=False)
def health():
    return {"status": "ok"}


@app.get("/debug", include_in_schema=settings.DEBUG)
def debug_info():
    return {}


@internal.get("/metrics")
def metrics():
    return {}


@app.websocket("/ws")
async def websocket_endpoint(websocket: WebSocket):
    await websocket.accept()


@app.get("/shared", **ROUTE_OPTIONS)
def shared():
    return {}


@app.get(
    "/multi",
)
def multi():
    """
    Documented over several lines.
    """
    return {}


app.include_router(internal)
