import unittest

import pytest
from fastapi.testclient import TestClient

from app.main import app


def _get(client, url):
    return client.get(url)


def test_me(client):
    assert _get(client, "/api/v1/users/me").status_code == 200


def test_patch(client):
    assert client.patch(app.url_path_for("update_user", user_id=1)).status_code == 200


@pytest.mark.parametrize("path", ["avatar", "settings"])
def test_user_pages(client, path):
    assert client.request("GET", "/api/v1/users/7/%s" % path).status_code == 200


def test_ws(client):
    with client.websocket_connect("/api/v1/ws") as websocket:
        websocket.send_text("hi")


class TestUsers(unittest.TestCase):
    def setUp(self):
        self.client = TestClient(app)

    def test_list(self):
        self.assertEqual(self.client.get("/api/v1/users/").status_code, 200)
