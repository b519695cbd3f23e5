import sqlalchemy
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import create_async_engine as make_engine
from sqlmodel import create_engine as sqlmodel_engine

engine = create_engine("postgresql://db/app", echo=True)  # want: FA803
async_engine = make_engine(
    "postgresql+asyncpg://db/app",
    pool_size=5,
    echo=True,  # want: FA803
)
verbose = sqlalchemy.create_engine("sqlite://", echo="debug")  # want: FA803
model_engine = sqlmodel_engine("sqlite://", echo=(True))  # want: FA803


def build():
    return create_engine("sqlite://", echo=True)  # want: FA803
