from datetime import UTC, datetime, timezone

import arrow
import pandas as pd


class Clock:
    def utcnow(self):
        return datetime.now(timezone.utc)


clock = Clock()


def aware():
    a = datetime.now(timezone.utc)
    b = datetime.now(UTC)
    c = datetime.fromtimestamp(0, tz=timezone.utc)
    d = arrow.utcnow()
    e = pd.Timestamp.utcnow()
    f = clock.utcnow()
    return a, b, c, d, e, f


def shadowed(datetime):
    # A parameter named datetime is not the stdlib class.
    return datetime.utcnow()


def default_factory():
    return lambda: datetime.now(timezone.utc)
