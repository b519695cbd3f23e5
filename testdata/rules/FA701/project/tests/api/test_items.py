import pytest

from app.core.config import settings
from app.main import app

ITEMS = f"{settings.API_V1_STR}/items"


def test_list_items(client):
    response = client.get(f"{settings.API_V1_STR}/items/")
    assert response.status_code == 200


@pytest.mark.parametrize("item_id", [1, 2])
def test_read_item(client, item_id):
    response = client.get(f"{ITEMS}/{item_id}")
    assert response.status_code == 200


async def test_create_item(api):
    response = await api.post("/items/", json={"name": "x"})
    assert response.status_code == 200


def test_update_item(superuser_client):
    url = ITEMS + "/" + str(1)
    assert superuser_client.put(url, json={}).status_code == 200


def test_root():
    # A module-level TestClient.
    assert local_client.get("http://testserver/?q=1").status_code == 200


def test_not_a_client(db):
    # `db` is no client fixture: this call is not a test request.
    db.delete("/api/v1/items/1")


from fastapi.testclient import TestClient

local_client = TestClient(app)
