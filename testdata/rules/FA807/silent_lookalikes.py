import typer
from sqlalchemy import create_engine
from sqlalchemy.orm import declarative_base

engine = create_engine("sqlite://")
Base = declarative_base()
cli = typer.Typer()


def init_db():
    # Called from a CLI command, not at startup.
    Base.metadata.create_all(bind=engine)


@cli.command()
def initdb():
    init_db()


class Registry:
    def create_all(self):
        pass


registry = Registry()
registry.create_all()

lazy = lambda: Base.metadata.create_all(engine)


def drop():
    Base.metadata.drop_all(engine)


if __name__ == "__main__":
    Base.metadata.create_all(bind=engine)


def test_schema():
    Base.metadata.create_all(engine)
