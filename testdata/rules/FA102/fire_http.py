import time
import urllib.request
from time import sleep as nap

import httpx
import requests
from fastapi import APIRouter
from requests import Session, get as fetch

router = APIRouter()
shared = requests.Session()
sync_client = httpx.Client(timeout=5)


@router.get("/users/{user_id}")
async def fetch_user(user_id: int):
    r = requests.get(f"https://api.example.com/users/{user_id}", timeout=5)  # want: FA102
    return r.json()


@router.post("/hooks")
async def forward(payload: dict):
    fetch("https://example.com/ping", timeout=3)  # want: FA102
    requests.request("POST", "https://example.com", json=payload, timeout=3)  # want: FA102
    return requests.post("https://example.com", json=payload, timeout=3).json()  # want: FA102


async def with_session():
    s = Session()
    s.get("https://example.com", timeout=3)  # want: FA102
    shared.post("https://example.com", timeout=3)  # want: FA102
    with requests.Session() as sess:
        sess.put("https://example.com", timeout=3)  # want: FA102
    requests.Session().delete("https://example.com", timeout=3)  # want: FA102


async def legacy_urllib(url: str):
    with urllib.request.urlopen(url) as resp:  # want: FA102
        return resp.read()


async def sync_httpx(url: str):
    httpx.get(url)  # want: FA102
    sync_client.post(url, json={})  # want: FA102
    with httpx.Client() as client:
        client.get(url)  # want: FA102


async def annotated_client(client: httpx.Client, session: requests.Session):
    client.patch("https://example.com")  # want: FA102
    session.head("https://example.com", timeout=3)  # want: FA102


async def sleepy():
    time.sleep(1)  # want: FA102
    nap(0.5)  # want: FA102


async def aliased_module(url: str):
    import requests as rq
    from urllib.request import urlopen

    rq.options(url, timeout=3)  # want: FA102
    urlopen(url)  # want: FA102
