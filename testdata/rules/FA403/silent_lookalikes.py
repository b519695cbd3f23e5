from http import HTTPStatus

from fastapi import APIRouter, HTTPException, Response, status
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel

router = APIRouter()


class Item(BaseModel):
    name: str


@router.delete("/items/{item_id}", status_code=204)
async def delete_item(item_id: int):
    return Response(status_code=204)


@router.delete("/things/{thing_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_thing(thing_id: int) -> None:
    if thing_id < 0:
        return
    return None


@router.delete("/users/{user_id}", status_code=204, response_model=None)
def delete_user(user_id: int) -> Response:
    resp = Response(status_code=status.HTTP_204_NO_CONTENT)
    return resp


@router.post("/items", status_code=201, response_model=Item)
def create(item: Item):
    return item


@router.get("/missing")
def missing():
    raise HTTPException(status_code=HTTPStatus.NOT_FOUND, detail="missing")


@router.get("/redirect")
def redirect():
    return RedirectResponse("/elsewhere", status_code=303)


@router.get("/json")
def json_ok(response: Response):
    response.status_code = status.HTTP_202_ACCEPTED
    return JSONResponse({"a": 1}, status_code=599)


def helper(code: int):
    # A runtime value: not resolved.
    raise HTTPException(status_code=code)


def success_response(status_code: int, message: str):
    return JSONResponse(status_code=status_code, content={"message": message})


def delete_row(item_id: int):
    return None


@router.delete("/rows/{item_id}", status_code=204)
def delete_with_helpers(item_id: int):
    if item_id < 0:
        return success_response(status_code=204, message="deleted")
    result = None
    if item_id == 0:
        return result
    return delete_row(item_id)  # a helper: its result is not followed
