from tests.helpers import fetch_all, fetch_plain
from tests import helpers


def test_through_helpers(client):
    fetch_all(client)


def test_through_module_attribute(client):
    helpers.fetch_all(client)


def test_plain_helper(client):  # want: FA704
    fetch_plain(client)
