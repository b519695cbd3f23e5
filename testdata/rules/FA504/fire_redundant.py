from typing import Dict, List, Optional

from fastapi import APIRouter, FastAPI
from pydantic import BaseModel

import schemas
from schemas import Order as OrderSchema

app = FastAPI()
router = APIRouter()


class Product(BaseModel):
    name: str


@app.post("/products", response_model=Product)  # want: FA504
async def create_product(product: Product) -> Product:
    return product


@app.get("/products", response_model=list[Product])  # want: FA504
async def list_products() -> list[Product]:
    return []


@app.get("/products/legacy", response_model=List[Product])  # want: FA504
async def list_legacy() -> List[Product]:
    return []


@app.get("/products/by-name", response_model=Dict[str, Product])  # want: FA504
async def products_by_name() -> Dict[str, Product]:
    return {}


@app.get("/products/count", response_model=int)  # want: FA504
async def count_products() -> int:
    return 0


@app.get("/products/maybe", response_model=Optional[Product])  # want: FA504
async def maybe_product() -> Optional[Product]:
    return None


@app.get("/products/union", response_model=Product | None)  # want: FA504
async def union_product() -> Product | None:
    return None


@app.get("/products/{product_id}", response_model=Product)  # want: FA504
@app.put("/products/{product_id}", response_model=Product)  # want: FA504
async def upsert_product(product_id: int) -> Product:
    return Product(name="x")


@router.get("/orders", response_model=schemas.Order)  # want: FA504
async def read_order() -> OrderSchema:
    return OrderSchema()


@router.api_route("/orders/all", methods=["GET"], response_model=list[schemas.Order])  # want: FA504
async def all_orders() -> list[schemas.Order]:
    return []


def setup(api: FastAPI) -> None:
    @api.get("/hello", response_model=str)  # want: FA504
    async def hello() -> str:
        return "hello"


app.include_router(router)
