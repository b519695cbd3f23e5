from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String, unique=True)
    hashed_password = Column(String)


class ServiceAccount(Base):
    __tablename__ = "service_accounts"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    password = Column(String)
