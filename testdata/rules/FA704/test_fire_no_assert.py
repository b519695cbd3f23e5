import unittest

from fastapi.testclient import TestClient

from app.main import app

client = TestClient(app)


def test_create_item():  # want: FA704
    client.post("/items/", json={"name": "Foo"})


def test_placeholder():  # want: FA704
    pass


async def test_async_list(async_client):  # want: FA704
    response = await async_client.get("/items/")
    print(response.json())


def test_calls_plain_helper():  # want: FA704
    create_items(3)


def create_items(n):
    for i in range(n):
        client.post("/items/", json={"name": str(i)})


class TestItems:
    def test_read(self):  # want: FA704
        client.get("/items/1")

    def helper(self):
        assert True


class ItemsCase(unittest.TestCase):
    def testDelete(self):  # want: FA704
        client.delete("/items/1")


def test_builds_client():  # want: FA704
    TestClient(app).get("/")
    testclient_factory()
