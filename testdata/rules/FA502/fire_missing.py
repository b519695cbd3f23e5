from fastapi import APIRouter, FastAPI, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel

app = FastAPI()
router = APIRouter()


class ItemOut(BaseModel):
    name: str


def load_items():
    return [{"name": "a"}]


@app.get("/items")  # want: FA502
async def list_items():
    return load_items()


@app.get("/items/{item_id}")  # want: FA502
async def read_item(item_id: int):
    if item_id < 0:
        return JSONResponse({"detail": "bad id"}, status_code=400)
    return {"id": item_id}


@app.post("/items", status_code=status.HTTP_201_CREATED)  # want: FA502
def create_item(name: str):
    return ItemOut(name=name)


@router.api_route("/legacy", methods=["GET", "POST"])  # want: FA502
def legacy():
    data = {"ok": True}
    return data


@router.delete("/items/{item_id}", status_code=200)  # want: FA502
def delete_item(item_id: int):
    return {"deleted": item_id}


def create_app() -> FastAPI:
    factory_app = FastAPI()

    @factory_app.get("/version")  # want: FA502
    async def version():
        return {"version": "1.0"}

    return factory_app


app.include_router(router)
