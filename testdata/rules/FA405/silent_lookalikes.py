import logging
import os

from fastapi import Depends, FastAPI, HTTPException, WebSocket
from fastapi.responses import JSONResponse

app = FastAPI()
logger = logging.getLogger(__name__)


@app.post("/subscribe")
async def subscribe(email: str):
    try:
        await add_to_list(email)
    except ValueError:
        pass  # a specific exception
    except Exception:
        logger.exception("subscribe failed")
        raise HTTPException(status_code=503, detail="retry later")
    return {"status": "subscribed"}


@app.get("/stats")
def stats():
    try:
        return compute()
    except Exception:
        return JSONResponse(status_code=500, content={"error": "stats unavailable"})


@app.get("/reraise")
def reraise():
    try:
        return compute()
    except Exception:
        logger.error("failed")
        raise


@app.get("/logged")
def logged():
    try:
        compute()
    except Exception:
        logger.warning("best effort cache refresh failed")
    return {"ok": True}


@app.get("/cleanup")
def cleanup(path: str):
    data = open(path).read()
    try:
        os.remove(path)
    except Exception:
        pass
    return {"data": data}


@app.get("/finally")
def finally_cleanup(path: str):
    try:
        return compute()
    finally:
        try:
            close_all()
        except Exception:
            pass


@app.get("/fallback")
def fallback():
    try:
        value = compute()
    except Exception:
        value = None
    return {"value": value}


@app.get("/helper")
def helper_response():
    try:
        return compute()
    except Exception as exc:
        return error_response(exc)


def get_optional_user(token: str = ""):
    try:
        return decode(token)
    except Exception:
        return None  # an optional dependency


def not_a_dependency():
    try:
        compute()
    except Exception:
        pass


@app.get("/me")
def me(user=Depends(get_optional_user)):
    return user


@app.websocket("/ws")
async def ws(websocket: WebSocket):
    await websocket.accept()
    try:
        await websocket.receive_text()
    except Exception:
        pass


def compute():
    return 1


def close_all():
    pass


def decode(token):
    return token


def error_response(exc):
    return JSONResponse(status_code=500, content={"error": "failed"})


async def add_to_list(email):
    return email


@app.get("/parse")
def parse(when: str = ""):
    date_to_use = None
    if when:
        try:
            date_to_use = decode(when)
        except Exception:
            pass  # a fallback: the default is set above
    return {"date": date_to_use}


@app.get("/probe")
def probe(candidates: list[str]):
    found = None
    for c in candidates:
        try:
            decode(c)
            found = c
            break
        except Exception:
            continue  # try the next candidate
    return {"found": found}
