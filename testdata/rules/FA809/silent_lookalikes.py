from typing import TYPE_CHECKING, assert_never

from fastapi import HTTPException

# Module-level asserts are not reported.
assert True

if TYPE_CHECKING:
    assert False


def narrow(engine):
    assert engine is not None
    assert isinstance(engine, object) and engine is not None
    return engine


def unreachable(kind):
    if kind == "a":
        return 1
    assert False, "unreachable"


def exhaustive(value: int | str):
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return value
    assert_never(value)


def validate(amount: int):
    if amount <= 0:
        raise HTTPException(status_code=400, detail="amount must be positive")
    return amount


class Mailer:
    def __init__(self, host=None):
        self.host = host

    def send(self):
        assert self.host  # narrowing an Optional for the type checker
        return self.host


def test_transfer_in_app_module():
    assert validate(1) == 1


class TestValidate:
    def test_positive(self):
        assert validate(2) == 2
