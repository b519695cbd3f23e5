from alembic import command


def run():
    print("running migrations")
