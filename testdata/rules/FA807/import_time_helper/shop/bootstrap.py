# No app here, but the app's settings module imports it: the call below
# runs in every worker.
from shop.db import Base, engine


def ensure_tables():
    Base.metadata.create_all(bind=engine)  # want: FA807


ensure_tables()
