from sqlalchemy.orm import sessionmaker

SessionLocal = sessionmaker()


def get_db():
    with SessionLocal() as db:
        yield db
