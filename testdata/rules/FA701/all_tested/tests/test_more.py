import unittest

import httpx
from fastapi.testclient import TestClient

from app.main import app
from tests.utils import shared_client


def test_exports():
    # An absolute URL ignores the client's base_url.
    assert shared_client.get("http://testserver/exports").status_code == 200


class ImportsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = TestClient(app)

    def test_imports(self):
        self.assertEqual(self.client.request(method="POST", url="/imports").status_code, 200)


async def test_streamed():
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as ac:
        async with ac.stream("GET", "streamed") as response:
            assert response.status_code == 200


class SessionHelper:
    def __init__(self):
        self.client = TestClient(app)

    def call(self, method, url):
        return self.client.request(method, url)


def test_end_session():
    helper = SessionHelper()
    assert helper.call("DELETE", "/sessions/abc").status_code == 200
