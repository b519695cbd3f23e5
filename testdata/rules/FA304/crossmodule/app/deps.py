import httpx
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy import create_engine


def get_db():
    engine = create_engine("sqlite:///app.db")  # want: FA304
    db = sessionmaker(bind=engine)()
    try:
        yield db
    finally:
        db.close()


async def get_http():
    async with httpx.AsyncClient(timeout=5) as client:  # want: FA304
        yield client


def unused_factory():
    # Not reached through Depends anywhere.
    return httpx.Client(timeout=5)
