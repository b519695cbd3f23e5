from fastapi.testclient import TestClient

from app.main import app


def test_list_items():
    assert TestClient(app).get("/items/").status_code == 200
