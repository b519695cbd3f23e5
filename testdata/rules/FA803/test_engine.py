from sqlalchemy import create_engine

# Tests may echo SQL.
engine = create_engine("sqlite://", echo=True)
