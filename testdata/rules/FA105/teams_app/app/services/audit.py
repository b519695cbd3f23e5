from fastapi import Depends
from sqlalchemy.orm import Session

from app.database import SessionLocal, get_db


def get_team_or_404(team_id: int, db=Depends(get_db)):
    # A sync dependency also called directly: its session kind comes from
    # get_db in app.database.
    return db.get(dict, team_id)


def record_event(name: str) -> None:
    with SessionLocal() as db:
        db.add({"event": name})
        db.commit()


def count_members(db: Session, team_id: int) -> int:
    return db.query(dict).filter_by(team_id=team_id).count()


def queue_event(name: str, db=Depends(get_db)) -> None:
    # add() does no I/O by itself.
    db.add({"event": name})
