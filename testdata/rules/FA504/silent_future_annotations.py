from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Product(BaseModel):
    name: str


# With deferred annotations response_model= is evaluated at once, the
# annotation late: keeping both is legitimate (ruff's FAST001 is silent too).
@app.post("/products", response_model=Product)
async def create_product(product: Product) -> Product:
    return product


@app.delete("/products/{product_id}", response_model=None, status_code=204)
async def delete_product(product_id: int) -> None:
    return None
