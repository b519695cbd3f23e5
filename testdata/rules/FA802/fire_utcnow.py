import datetime as dt
from datetime import datetime
from datetime import datetime as DateTime

from pydantic import BaseModel, Field
from sqlalchemy import Column, DateTime as SADateTime


class Order:
    created_at = Column(SADateTime, default=datetime.utcnow)  # want: FA802
    updated_at = Column(SADateTime, onupdate=dt.datetime.utcnow)  # want: FA802


class Event(BaseModel):
    at: datetime = Field(default_factory=datetime.utcnow)  # want: FA802


def is_expired(expires_at):
    return expires_at < datetime.utcnow()  # want: FA802


def from_ts(ts):
    return DateTime.utcfromtimestamp(ts)  # want: FA802


def with_module():
    now = dt.datetime.utcnow()  # want: FA802
    return now.isoformat()


def aware_later():
    return datetime.utcnow().replace(tzinfo=dt.timezone.utc)  # want: FA802
