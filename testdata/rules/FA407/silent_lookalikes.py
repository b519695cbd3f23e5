from fastapi import FastAPI, HTTPException

app = FastAPI()
ITEMS = {}


def not_found(what: str) -> HTTPException:
    # A factory: the caller raises what it returns.
    return HTTPException(status_code=404, detail=f"{what} not found")


@app.get("/items/{item_id}")
async def read_item(item_id: int):
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="Item not found")
    if item_id < 0:
        raise not_found("item")
    return ITEMS[item_id]


@app.get("/things/{thing_id}")
def read_thing(thing_id: int):
    exc = HTTPException(status_code=404)
    if thing_id not in ITEMS:
        raise exc
    return ITEMS[thing_id]


class Item:
    def __init__(self, name: str):
        self.name = name


@app.post("/items")
def create(name: str):
    Item(name)  # not an exception
    return {"name": name}


@app.exception_handler(HTTPException)
async def handler(request, exc):
    return exc  # not a path operation
