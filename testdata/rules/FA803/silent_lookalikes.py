import logging

from sqlalchemy import create_engine

from app.core.config import settings


class Thing:
    def create_engine(self, url, echo=False):
        return url


engine = create_engine(settings.DATABASE_URL, echo=settings.DEBUG)
quiet = create_engine("sqlite://", echo=False)
pooled = create_engine("sqlite://", echo_pool=True)
custom = Thing().create_engine("sqlite://", echo=True)
logging.basicConfig(level=logging.INFO)

if __name__ == "__main__":
    debug_engine = create_engine("sqlite://", echo=True)

if settings.DEBUG:
    dev_engine = create_engine("sqlite://", echo=True)
flagged = create_engine("sqlite://", echo=True) if settings.sqlEcho else create_engine("sqlite://")
