from alembic import op


def upgrade():
    print("upgrading")
    op.execute("SELECT 1")
