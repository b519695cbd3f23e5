# A one-off script run by hand (`python -m ops.reset_db`): nothing imports it.
from shop.db import Base, engine


def reset():
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)


reset()
