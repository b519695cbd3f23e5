import logging

from fastapi import Depends, FastAPI, Response
from fastapi.responses import JSONResponse

app = FastAPI()
logger = logging.getLogger(__name__)


@app.post("/subscribe")
async def subscribe(email: str):
    try:
        await add_to_list(email)
    except Exception:  # want: FA405
        pass
    return {"status": "subscribed"}


@app.get("/stats")
def stats():
    try:
        return compute()
    except:  # want: FA405
        return {"count": 0}


@app.get("/report")
def report():
    try:
        return compute()
    except BaseException as e:  # want: FA405
        logger.exception("report failed: %s", e)
        return JSONResponse(content={"items": []})


@app.post("/batch")
def batch(ids: list[int]):
    done = []
    for i in ids:
        try:
            done.append(process(i))
        except (ValueError, Exception):  # want: FA405
            continue
    return {"done": done}


@app.get("/nothing")
def nothing():
    try:
        compute()
    except Exception:  # want: FA405
        return


def get_settings():
    try:
        return load()
    except Exception:  # want: FA405
        ...


@app.get("/settings")
def read_settings(s=Depends(get_settings)):
    return s


async def add_to_list(email):
    return email


def compute():
    return 1


def process(i):
    return i


def load():
    return {}


@app.post("/notify-temp")
async def notify_with_temporary(url: str):
    # The temporary is never used: the call is what matters, and its failure is hidden.
    try:
        sent = await notify(url)
    except Exception:  # want: FA405
        pass
    return {"queued": True}


@app.post("/signout-and-revoke")
def signout_and_revoke(response: Response, token: str):
    try:
        response.delete_cookie("session")
        revoke(token)
    except Exception:  # want: FA405
        pass
    return {"signed_out": True}


async def notify(url):
    return url


def revoke(token):
    return token
