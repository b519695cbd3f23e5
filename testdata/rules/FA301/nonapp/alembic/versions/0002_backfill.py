from alembic import op
from sqlalchemy.orm import Session


def upgrade(session: Session, ids):
    for i in ids:
        session.get(User, i)
