import functools
import json
from functools import lru_cache

from fastapi import APIRouter

router = APIRouter()


def read_secrets() -> dict:
    with open("/run/secrets/app.json") as fh:
        return json.load(fh)


@lru_cache
def get_settings() -> dict:
    # Reads files once per process, then answers from the cache.
    return read_secrets()


@functools.cache
def feature_flags() -> dict:
    with open("flags.json") as fh:
        return json.load(fh)


class Mailer:
    def __init__(self) -> None:
        self.settings = get_settings()


def read_report() -> str:
    # Not cached: every call opens the file.
    with open("report.txt") as fh:
        return fh.read()


@router.get("/settings")
async def show_settings():
    return {"debug": get_settings().get("debug"), "flags": feature_flags()}


@router.post("/mail")
async def send_mail():
    Mailer()
    return {"queued": True}


@router.get("/report")
async def report():
    return {"text": read_report()}  # want: FA105
