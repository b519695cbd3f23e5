from sqlalchemy import Column, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from .database import Base, LegacyBase


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    hashed_password: Mapped[str] = mapped_column(String(255))
    items: Mapped[list["Item"]] = relationship(back_populates="owner")


class Item(LegacyBase):
    __tablename__ = "items"
    id = Column(Integer, primary_key=True)
    title = Column(String)
    owner_id = Column(Integer, ForeignKey("users.id"))
    owner = relationship("User", back_populates="items")


class ApiClient(LegacyBase):
    __tablename__ = "api_clients"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    client_secret = Column(String)


class Article(Base):
    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    body: Mapped[str] = deferred(mapped_column(String))


class Profile(LegacyBase):
    __tablename__ = "profiles"
    id = Column(Integer, primary_key=True)
    password_changed_at = Column(String)
    bio = Column(String)
