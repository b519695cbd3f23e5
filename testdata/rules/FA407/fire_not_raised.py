from fastapi import Depends, FastAPI, HTTPException, status
from starlette.exceptions import HTTPException as StarletteHTTPException

app = FastAPI()
ITEMS = {}


class NotFound(HTTPException):
    def __init__(self, what: str):
        super().__init__(status_code=404, detail=f"{what} not found")


@app.get("/items/{item_id}")
async def read_item(item_id: int):
    item = ITEMS.get(item_id)
    if item is None:
        return HTTPException(status_code=404, detail="Item not found")  # want: FA407
    return item


@app.get("/things/{thing_id}")
def read_thing(thing_id: int):
    if thing_id not in ITEMS:
        HTTPException(status_code=status.HTTP_404_NOT_FOUND)  # want: FA407
    return ITEMS[thing_id]


@app.get("/other/{thing_id}")
def read_other(thing_id: int):
    if thing_id not in ITEMS:
        return NotFound("thing")  # want: FA407
    if thing_id < 0:
        return (StarletteHTTPException(400))  # want: FA407
    return ITEMS[thing_id]


@app.delete("/items/{item_id}")
def delete_item(item_id: int):
    exc = HTTPException(status_code=404, detail="Item not found")
    if item_id not in ITEMS:
        return exc  # want: FA407
    del ITEMS[item_id]


def get_token(token: str = ""):
    if not token:
        return HTTPException(status_code=401)  # want: FA407
    return token


@app.get("/me")
def me(token: str = Depends(get_token)):
    return {"token": token}


def validate(value: int) -> None:
    if value < 0:
        HTTPException(status_code=400, detail="negative")  # want: FA407
