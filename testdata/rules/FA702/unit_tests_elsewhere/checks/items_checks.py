import pytest

from app.routers import list_items


def test_list_items_is_empty():
    assert list_items() == []
