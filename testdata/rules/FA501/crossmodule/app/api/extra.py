from fastapi import Depends, Request

from app import schemas
from app.routers import items
from app.types import DBDep, JSONBody, SearchTerm
from app.webhooks import get_body


@items.router.post("/raw")
async def create_raw(payload: dict):  # want: FA501
    return payload


@items.router.post("/aliased")
async def create_aliased(data: JSONBody):  # want: FA501
    return data


@items.router.api_route("/parsed", methods=["POST"])
async def create_parsed(request: Request):
    return await request.json()  # want: FA501


@items.router.post("/typed")
async def create_typed(item: schemas.ItemIn, q: SearchTerm = "", db: DBDep = None):
    return item


@items.router.post("/slack/command")
async def slack_command(request: Request, body: bytes = Depends(get_body)):
    form = await request.form()
    return {"command": form.get("command")}
