from typing import Any, Dict, List

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel

app = FastAPI()


class Product(BaseModel):
    name: str


class ProductOut(BaseModel):
    name: str


def cache(fn):
    return fn


# Different types: response_model filters what the handler returns.
@app.post("/products", response_model=ProductOut)
async def create_product(product: Product) -> Product:
    return product


@app.get("/products", response_model=list[ProductOut])
async def list_products() -> list[Product]:
    return []


@app.get("/products/map", response_model=Dict[str, int])
async def product_map() -> Dict[str, str]:
    return {}


@app.get("/products/pairs", response_model=list[str])
async def product_pairs() -> list[str, str]:
    return []


@app.get("/products/legacy", response_model=List[Product])
async def list_legacy() -> list[Product]:
    return []


@app.get("/raw", response_model=Product)
async def raw() -> JSONResponse:
    return JSONResponse({})


@app.get("/any", response_model=None)
async def any_payload() -> Dict[str, Any]:
    return {}


# Only one of the two.
@app.get("/one")
async def only_annotation() -> Product:
    return Product(name="x")


@app.get("/two", response_model=Product)
async def only_argument():
    return {"name": "x"}


# Undefined names are not compared.
@app.get("/unknown", response_model=Unknown)  # noqa: F821
async def unknown() -> Unknown:  # noqa: F821
    return None


# Not routes.
@cache
async def cached() -> Product:
    return Product(name="x")


@app("/items", response_model=Product)
async def not_a_route() -> Product:
    return Product(name="x")


def setup(not_app: str) -> None:
    @not_app.get("/hello", response_model=str)
    async def hello() -> str:
        return "hello"
