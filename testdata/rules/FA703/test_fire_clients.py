import httpx
import requests
from httpx import AsyncClient as Client
from requests import get as fetch

from app.main import app

BASE_URL = "http://localhost:8000"
API = "http://127.0.0.1:8000/api/v1"


async def test_read_items():
    async with httpx.AsyncClient(app=app, base_url="http://test") as ac:  # want: FA703
        response = await ac.get("/items/")
    assert response.status_code == 200


async def test_aliased():
    async with Client(base_url="http://test", app=app) as ac:  # want: FA703
        assert (await ac.get("/")).status_code == 200


def test_sync_client():
    with httpx.Client(app=app) as c:  # want: FA703
        assert c.get("/").status_code == 200


def test_live_health():
    assert requests.get("http://localhost:8000/health").ok  # want: FA703


def test_live_items():
    response = requests.post(f"{BASE_URL}/items", json={"name": "x"})  # want: FA703
    assert response.status_code == 201


def test_live_alias():
    assert fetch(API + "/users").status_code == 200  # want: FA703


def test_live_session():
    with requests.Session() as s:
        assert s.request("DELETE", "http://0.0.0.0:8000/items/1").ok  # want: FA703
