from sqlalchemy import create_engine

TEST_DATABASE_URL = "sqlite:///./test.db"
engine = create_engine("postgresql://localhost/test")
