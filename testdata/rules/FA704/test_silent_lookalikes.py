import unittest
from unittest import mock

import pytest
from fastapi.testclient import TestClient

from app.main import app

client = TestClient(app)


def assert_ok(response):
    assert response.status_code == 200


def check_created(response):
    return response.status_code == 201 or fail()


def make_items():
    return [client.post("/items/", json={"name": "a"})]


def test_assert():
    assert client.get("/").status_code == 200


def test_raises():
    with pytest.raises(ValueError):
        int("x")


def test_warns():
    with pytest.warns(DeprecationWarning):
        warn()


def test_helper_assert():
    assert_ok(client.get("/items/"))


def test_helper_check():
    check_created(client.post("/items/", json={}))


def test_verify_and_expect(page):
    verify_schema(client.get("/openapi.json").json())


def test_mock_assert():
    with mock.patch("app.main.send") as send:
        client.post("/notify")
        send.assert_called_once()


def test_raise_for_status():
    client.get("/").raise_for_status()


def test_explicit_fail():
    if client.get("/").status_code != 200:
        pytest.fail("not ok")


def test_raise():
    if client.get("/").status_code != 200:
        raise AssertionError("not ok")


def test_calls_asserting_helper():
    _check_home()


def _check_home():
    response = client.get("/")
    assert response.status_code == 200


@pytest.mark.skip(reason="flaky")
def test_skipped():
    client.get("/")


@pytest.mark.xfail
def test_xfail():
    client.get("/broken")


def test_benchmark(benchmark):
    benchmark(lambda: client.get("/"))


@pytest.fixture
def test_data():
    return {"name": "x"}


def test_nested_assert():
    def inner():
        assert make_items()

    inner()


class TestCase(unittest.TestCase):
    def test_equal(self):
        self.assertEqual(client.get("/").status_code, 200)

    def test_fail(self):
        self.fail("not implemented")


@unittest.skip("later")
class TestLater(unittest.TestCase):
    def test_later(self):
        client.get("/")


class TestMarked:
    pytestmark = pytest.mark.skip(reason="later")

    def test_marked(self):
        client.get("/")


def helper_test_named():
    client.get("/")


def testing_tools():
    client.get("/")


def test_runs_other_tests(other_module):
    other_module.test_read_item()
