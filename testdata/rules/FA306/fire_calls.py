import httpx
import requests
from fastapi import Depends, FastAPI
from requests import get as fetch

app = FastAPI()
session = requests.Session()


@app.get("/rates")
def rates():
    return requests.get("https://api.example.com/rates").json()  # want: FA306


@app.post("/hook")
def hook(payload: dict):
    requests.post("https://hooks.example.com", json=payload)  # want: FA306
    fetch("https://example.com")  # want: FA306
    requests.request("GET", "https://example.com")  # want: FA306
    return {"ok": True}


@app.get("/shared")
def shared():
    return session.get("https://example.com").json()  # want: FA306


@app.get("/local")
def local():
    with requests.Session() as s:
        s.headers["X"] = "1"
        return s.post("https://example.com", data={}).json()  # want: FA306


def get_session() -> requests.Session:
    return requests.Session()


@app.get("/dep")
def dep(s: requests.Session = Depends(get_session)):
    return s.put("https://example.com").status_code  # want: FA306


@app.get("/httpx-none")
async def httpx_none():
    r = httpx.get("https://example.com", timeout=None)  # want: FA306
    async with httpx.AsyncClient(timeout=None) as client:  # want: FA306
        await client.get("https://example.com")
    async with httpx.AsyncClient() as client:
        await client.post("https://example.com", timeout=None)  # want: FA306
    with httpx.Client(timeout=httpx.Timeout(None)) as c:  # want: FA306
        c.get("https://example.com")
    return r.json()
