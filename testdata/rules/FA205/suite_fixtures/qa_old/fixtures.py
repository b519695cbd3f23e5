import pytest


# Fixtures of a test suite kept outside tests/: they import pytest.
@pytest.fixture
def sample_user_data():
    return {"username": "qa-user", "email": "qa@example.com", "password": "qa-pass-2291"}
