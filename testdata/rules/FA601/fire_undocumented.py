from fastapi import APIRouter, FastAPI

app = FastAPI(title="Shop", version="1.0.0")
router = APIRouter(prefix="/items")


@router.get("/")  # want: FA601
async def list_items():
    return []


@router.post("/", status_code=201)  # want: FA601
async def create_item(name: str):
    # a comment is not a docstring
    return {"name": name}


@app.get("/users/{user_id}", summary="")  # want: FA601
def read_user(user_id: int):
    f"not a docstring {user_id}"
    return {"id": user_id}


@app.delete("/users/{user_id}", description=None)  # want: FA601
def delete_user(user_id: int):
    """   """
    return None


@app.api_route("/ping", methods=["GET", "HEAD"], include_in_schema=True)  # want: FA601
def ping():
    return "pong"


app.include_router(router)
