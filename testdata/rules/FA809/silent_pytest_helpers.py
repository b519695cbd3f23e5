# Test helpers outside test-paths: the module imports pytest.
import pytest


@pytest.fixture
def client():
    c = object()
    assert c is not None
    assert c != 1
    return c
