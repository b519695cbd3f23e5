import httpx
import pytest
import requests
from fastapi.testclient import TestClient

from app.main import app
from app.settings import settings


async def test_transport():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as ac:
        assert (await ac.get("/items/")).status_code == 200


def test_testclient():
    assert TestClient(app=app).get("/").status_code == 200


def test_remote_service():
    # An external API, not the app under test.
    assert requests.get("https://api.github.com/zen").ok


def test_configured_server():
    assert requests.get(settings.E2E_URL + "/health").ok


def test_mocked(requests_mock):
    requests_mock.get("http://localhost:8000/health", json={"status": "ok"})
    assert requests.get("http://localhost:8000/health").json() == {"status": "ok"}


def test_dict_get():
    config = {"url": "http://localhost:8000"}
    assert config.get("http://localhost:8000") is None
