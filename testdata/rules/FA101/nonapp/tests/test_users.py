# Tests may use a sync session inside async tests: nothing serves requests here.
from sqlalchemy.orm import Session


async def test_counts(sync_session: Session):
    sync_session.execute("select 1")
    sync_session.commit()
