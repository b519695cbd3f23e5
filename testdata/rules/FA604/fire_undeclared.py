from http import HTTPStatus

from fastapi import APIRouter, FastAPI, HTTPException, status

app = FastAPI(title="Shop", version="1.0.0")
router = APIRouter(prefix="/items", responses={404: {"description": "Not found"}})
CONFLICT = 409


@app.get("/users/{user_id}")
async def read_user(user_id: int):
    if user_id < 0:
        raise HTTPException(status_code=400, detail="negative id")  # want: FA604
    user = await find(user_id)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "User not found")  # want: FA604
    if user.banned:
        raise HTTPException(status_code=404, detail="gone")
    return user


@app.post("/users", responses={400: {"description": "Bad input"}})
async def create_user(name: str):
    if not name:
        raise HTTPException(status_code=400)
    if await exists(name):
        raise HTTPException(status_code=CONFLICT, detail="taken")  # want: FA604
    return {}


@router.put("/{item_id}", responses={status.HTTP_409_CONFLICT: {}})
async def update_item(item_id: int):
    if item_id == 0:
        raise HTTPException(status_code=404)
    if item_id == 1:
        raise HTTPException(status_code=HTTPStatus.CONFLICT)
    raise HTTPException(status_code=HTTPStatus.FORBIDDEN)  # want: FA604


app.include_router(router)
