import traceback

import httpx
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

app = FastAPI()


@app.post("/orders")
async def create_order(order: dict):
    try:
        return await save(order)
    except Exception as e:
        raise HTTPException(status_code=500, detail=str(e))  # want: FA404


@app.post("/users")
def create_user(user: dict):
    try:
        return insert(user)
    except IntegrityError as exc:
        raise HTTPException(409, f"could not insert: {exc}")  # want: FA404
    except SQLAlchemyError as err:
        raise HTTPException(500, detail={"error": "db", "reason": repr(err)})  # want: FA404


@app.get("/proxy")
async def proxy():
    try:
        async with httpx.AsyncClient() as client:
            return (await client.get("https://upstream")).json()
    except httpx.HTTPError as e:
        return JSONResponse(status_code=502, content={"error": "upstream failed: %s" % e})  # want: FA404


@app.get("/file")
def read_file(name: str):
    try:
        with open(name) as f:
            return f.read()
    except OSError as e:
        return {"error": "cannot read {}".format(e)}  # want: FA404


@app.get("/debug-trace")
def trace():
    try:
        return compute()
    except ValueError:
        return PlainTextResponse(traceback.format_exc(), status_code=500)  # want: FA404


@app.get("/args")
def args():
    try:
        return compute()
    except BaseException as e:
        raise HTTPException(status_code=500, detail=e.args)  # want: FA404


@app.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception):
    return JSONResponse(status_code=500, content={"detail": str(exc)})  # want: FA404


async def save(order):
    return order


def insert(user):
    return user


def compute():
    return 1
