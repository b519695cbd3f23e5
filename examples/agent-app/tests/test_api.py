from fastapi.testclient import TestClient

from app.main import app

client = TestClient(app)


def test_health():
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_create_user_and_login():
    payload = {
        "email": "alice@example.com",
        "username": "alice",
        "password": "correct-horse-battery",
    }
    response = client.post("/users/", json=payload)
    assert response.status_code in (201, 400)

    response = client.post(
        "/users/token",
        data={"username": "alice", "password": "correct-horse-battery"},
    )
    assert response.status_code == 200
    assert response.json()["token_type"] == "bearer"


def test_read_missing_item():
    response = client.get("/items/999999")
    assert response.status_code == 404
