import hashlib
import hmac
from typing import Annotated, Any, Dict, List, Optional

from fastapi import APIRouter, Body, FastAPI, Form, Header, Query, Request, UploadFile
from pydantic import BaseModel, TypeAdapter

app = FastAPI()
router = APIRouter()
SECRET = b"x"


class Item(BaseModel):
    name: str
    tags: Dict[str, Any] = {}


@app.post("/items")
async def create_item(item: Item, items: List[Item] = Body(default=[])):
    return item


@app.post("/scores")
async def scores(values: Dict[str, int], weights: dict[str, float] = Body(...)):
    return values


@app.get("/search")
async def search(q: Any = None, filters: Optional[str] = None, tags: List[str] = Query(default=[])):
    # Any without Body() and list with Query() are query parameters.
    return q


@app.get("/untyped")
async def untyped(q=None, page=1):
    return q


@app.post("/upload")
async def upload(file: UploadFile, meta: Annotated[str, Form()] = ""):
    return meta


# Webhooks verify a signature over the raw bytes.
@router.post("/webhooks/stripe")
async def stripe_webhook(request: Request, stripe_signature: str = Header(None)):
    raw = await request.body()
    payload = await request.json()
    return payload


@router.post("/webhooks/github")
async def github_webhook(request: Request):
    signature = request.headers.get("X-Hub-Signature-256")
    body = await request.body()
    expected = hmac.new(SECRET, body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        return None
    return await request.json()


@router.post("/webhooks/plain")
async def plain_webhook(payload: dict, x_signature: str = Header(...)):
    return payload


# JSON validated by hand.
@router.post("/validated")
async def validated(request: Request):
    data = await request.json()
    return Item.model_validate(data)


@router.post("/validated/splat")
async def validated_splat(request: Request):
    data = await request.json()
    return Item(**data)


@router.post("/validated/adapter")
async def validated_adapter(request: Request):
    return TypeAdapter(list[Item]).validate_python(await request.json())


# Not a request: a client response, a helper.
@router.get("/proxy")
async def proxy(client: Any = None):
    response = await client.get("https://example.com")
    return response.json()


async def read_json(request: Request):
    return await request.json()


@app.websocket("/ws")
async def ws(websocket, payload: dict = None):
    return None


@app.middleware("http")
async def log_body(request: Request, call_next):
    await request.json()
    return await call_next(request)


app.include_router(router)
