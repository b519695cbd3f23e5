from http import HTTPStatus

from fastapi import APIRouter, FastAPI, HTTPException, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel

app = FastAPI()
router = APIRouter()
NO_CONTENT = 204
GONE_WRONG = 600


class Item(BaseModel):
    name: str


@router.delete("/items/{item_id}", status_code=204, response_model=Item)  # want: FA403
async def delete_item(item_id: int):
    return Item(name="x")


@router.delete("/things/{thing_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_thing(thing_id: int):
    return {"deleted": thing_id}  # want: FA403


@router.put("/cache/{key}", status_code=HTTPStatus.NOT_MODIFIED)  # want: FA403
def touch(key: str) -> Item:  # the annotation becomes the response model
    return Item(name=key)


@router.delete("/users/{user_id}", status_code=NO_CONTENT)
def delete_user(user_id: int):
    return {"ok": True}  # want: FA403


@router.get("/ok")
def ok():
    raise HTTPException(status_code=200, detail="all good")  # want: FA403


@router.get("/created")
def created():
    raise HTTPException(HTTPStatus.CREATED, "created")  # want: FA403


@router.get("/weird", status_code=GONE_WRONG)  # want: FA403
def weird():
    return {}


@router.get("/ws-code")
def ws_code():
    raise HTTPException(status_code=status.WS_1008_POLICY_VIOLATION)  # want: FA403


@router.get("/json")
def json_bad():
    return JSONResponse({"a": 1}, status_code=1000)  # want: FA403


@router.get("/set")
def set_status(response: Response):
    response.status_code = 42  # want: FA403
    return {}
