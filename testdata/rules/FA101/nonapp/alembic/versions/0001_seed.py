from alembic import op
from sqlalchemy.orm import Session


async def upgrade_async(session: Session):
    session.execute("update users set active = true")
