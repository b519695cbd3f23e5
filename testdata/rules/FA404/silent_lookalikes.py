import logging

from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from settings import settings

app = FastAPI()
logger = logging.getLogger(__name__)


class OutOfStock(Exception):
    pass


@app.post("/orders")
async def create_order(order: dict):
    try:
        return await save(order)
    except OutOfStock as e:
        # The project's own exception: its message is written for users.
        raise HTTPException(status_code=409, detail=str(e))
    except ValueError as e:
        raise HTTPException(status_code=400, detail=str(e))
    except ValidationError as e:
        raise HTTPException(status_code=422, detail=e.errors())
    except HTTPException as e:
        raise HTTPException(status_code=e.status_code, detail=e.detail)
    except Exception:
        logger.exception("order creation failed")
        raise HTTPException(status_code=500, detail="Internal error")


@app.get("/debug")
def debug_only():
    try:
        return compute()
    except Exception as e:
        detail = str(e) if settings.DEBUG else "Internal error"
        raise HTTPException(status_code=500, detail=str(e) if settings.DEBUG else "Internal error")


@app.get("/debug2")
def debug_block():
    try:
        return compute()
    except Exception as e:
        if settings.debug:
            return JSONResponse(status_code=500, content={"error": str(e)})
        logger.error("failed: %s", e)
        return JSONResponse(status_code=500, content={"error": f"failed ({type(e).__name__})"})


async def save(order):
    return order


def compute():
    return 1
