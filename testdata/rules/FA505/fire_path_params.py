from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Path, Request
from pydantic import BaseModel

app = FastAPI()
router = APIRouter(prefix="/shop")


@app.get("/orders/{order_id}")  # want: FA505
async def get_order(query: str):
    return {"query": query}


@app.get("/catalog/sku-{sku}")  # want: FA505
async def get_product():
    return {}


@app.get("/files/{file_path:path}")  # want: FA505
async def read_file(name: str):
    return {"name": name}


@app.get("/authors/{author}/{book}/{chapter}")  # want: FA505
async def read_chapter(author: str, note: str):
    return {"author": author}


@app.get("/authors/{author}/{book}")  # want: FA505
async def read_book_posonly(author: str, book: str, /):
    return {"author": author, "book": book}


@app.get("/authors/{author}/{book}")  # want: FA505
async def read_book_kwonly(*, author: str):
    return {"author": author}


@app.get("/pages/{slug}")  # want: FA505
async def read_page_varargs(*args, **kwargs):
    return {}


@app.get("/writers/{name}/{book}")  # want: FA505 FA505
async def read_by_alias(*, author: Annotated[str, Path(alias="writer")], book: str):
    return {"author": author, "book": book}


# A dependency that reads other parameters does not consume the path parameter.
def pagination(page: int = 1, size: int = 20):
    return page, size


@app.get("/boards/{board_id}/posts")  # want: FA505
async def list_posts(pages: Annotated[tuple, Depends(pagination)]):
    return pages


@app.get("/teams/{team_id}")  # want: FA505
async def read_team(pages=Depends(pagination)):
    return pages


class PageParams(BaseModel):
    page: int = 1


class SortParams:
    def __init__(self, order: str = "asc"):
        self.order = order


@app.get("/tags/{tag}")  # want: FA505
async def list_tag(params: Annotated[PageParams, Depends()]):
    return params


@app.get("/labels/{label}")  # want: FA505
async def list_label(sort=Depends(SortParams)):
    return sort


class CallableFilter:
    def __call__(self, other: str):
        return other


@app.get("/colors/{color}")  # want: FA505
async def list_color(flt: Annotated[str, Depends(CallableFilter())]):
    return flt


# Another router, a renamed parameter, api_route and websocket.
@router.get("/items/{item_id}")  # want: FA505
def get_item(id: int):
    return {"id": id}


@router.api_route("/baskets/{basket_id}", methods=["GET", "HEAD"])  # want: FA505
def get_basket():
    return {}


@app.websocket("/ws/{room}")  # want: FA505
async def chat(websocket):
    await websocket.accept()


# The reverse: Path(...) parameters that the path does not hold.
@app.get("/invoices")  # want: FA505
async def list_invoices(invoice_id: Annotated[int, Path()]):
    return {"invoice_id": invoice_id}


@app.get("/receipts/{receipt_id}")  # want: FA505
async def read_receipt(receipt_id: int, line_id: int = Path(...)):
    return {"receipt_id": receipt_id}


def load_store(store_id: int = Path()):
    return store_id


@app.get("/stores")  # want: FA505
async def list_stores(store=Depends(load_store)):
    return store


# A Request used for something else does not read the path.
@app.get("/limited/{key}")  # want: FA505
async def limited(request: Request):
    return {"client": request.client.host}


# Routes declared inside an app factory.
def create_app() -> FastAPI:
    factory_app = FastAPI()

    @factory_app.get("/health/{probe}")  # want: FA505
    async def health():
        return {"ok": True}

    return factory_app


def register_routes(api: APIRouter) -> None:
    @api.delete("/carts/{cart_id}")  # want: FA505
    async def delete_cart():
        return None


app.include_router(router)
