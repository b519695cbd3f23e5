import httpx
import pytest
from fastapi.testclient import TestClient

from app.main import app

BASE = "http://testserver"
PAGES = ["/orders", "/orders/"]


def send(client, method, url):
    return client.request(method, url)


def test_pages():
    client = TestClient(app)
    for page in PAGES:
        assert client.get(page).status_code == 200
    assert client.get("/orders/{}/lines/{}".format(1, 2)).status_code == 200
    assert client.get(BASE + "/orders/files/a/b/c.txt").status_code == 200
    assert client.get("/admin/stats").status_code == 200
    assert client.get("/api/plugin/status").status_code == 200
    assert client.head("/pong").status_code == 200


def test_ship():
    with TestClient(app) as client:
        response = send(client, "POST", url="/orders/7/ship")
        assert response.status_code == 200


@pytest.mark.parametrize("year", [2023, 2024])
async def test_report(year):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as ac:
        response = await ac.get(f"/reports/{year}")
    assert response.status_code == 200


def test_ping():
    client = TestClient(app)
    assert client.head("/ping").status_code == 200
