from fastapi import APIRouter, FastAPI

from app.admin import admin_app

app = FastAPI(title="Shop", version="1.0.0")
app.mount("/admin", admin_app)
orders = APIRouter(prefix="/orders", tags=["orders"])
# Never included here: mounted by code the audit does not see.
plugin = APIRouter(prefix="/plugin")


@orders.get("/")
def list_orders():
    return []


@orders.get("/{order_id}/lines/{line_id}")
def read_line(order_id: int, line_id: int):
    return {}


@orders.post("/{order_id}/ship")
def ship(order_id: int):
    return {}


@orders.get("/files/{file_path:path}")
def read_file(file_path: str):
    return {}


@plugin.get("/status")
def plugin_status():
    return {}


@app.get("/reports/{year}")
def report(year: int):
    return {}


@app.head("/ping")
def ping_head():
    return None


@app.get("/pong")
def pong():
    return "pong"


app.include_router(orders)


@app.get("/exports")
def exports():
    return []


@app.post("/imports")
def imports():
    return {}


@app.get("/streamed")
def streamed():
    return {}


@app.delete("/sessions/{session_id}")
def end_session(session_id: str):
    return None
