from fastapi import APIRouter, FastAPI

app = FastAPI()
router = APIRouter(prefix="/items")


@router.get("/{item_id}")
async def read_item(item_id: int):
    return {"id": item_id}


@router.get("/{id}")  # want: FA408
async def get_item(id: int):
    return {"id": id}


@router.api_route("/{item_id}/tags", methods=["GET", "POST"])
async def tags(item_id: int):
    return []


@router.post("/{x}/tags")  # want: FA408
async def add_tag(x: int):
    return []


@app.get("/health")
def health():
    return {"ok": True}


@app.get("/health")  # want: FA408
def health_again():
    return {"status": "up"}


app.include_router(router)
