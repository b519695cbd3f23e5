from fastapi import APIRouter, FastAPI

app = FastAPI()
router = APIRouter(prefix="/items")
PREFIX = "/v1"


@router.get("/{item_id}")
async def read_item(item_id: int):
    return {"id": item_id}


@router.put("/{item_id}")
async def update_item(item_id: int):
    return {"id": item_id}


@router.delete("/{item_id}")
async def delete_item(item_id: int):
    return None


@router.get("/{item_id}/")
async def read_item_slash(item_id: int):
    return {"id": item_id}


@router.get("/{path:path}")
async def catch_all(path: str):
    return {"path": path}


@router.get("/{item_id:int}/detail")
async def detail_int(item_id: int):
    return {}


@router.get("/{slug}/detail-by-slug")
async def detail_slug(slug: str):
    return {}


@app.get(f"{PREFIX}/a")
def dynamic_a():
    return {}


@app.get(f"{PREFIX}/b")
def dynamic_b():
    return {}


@app.websocket("/items/{item_id}")
async def ws(websocket):
    await websocket.accept()


app.include_router(router)
