import pytest

pytestmark = [pytest.mark.asyncio, pytest.mark.skip(reason="needs a database")]


def test_db(client):
    client.get("/db")
