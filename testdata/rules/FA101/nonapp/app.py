from sqlalchemy.orm import Session


async def handler(db: Session):
    return db.execute("select 1")  # want: FA101
