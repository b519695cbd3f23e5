from sqlalchemy.orm import Session


def load(session: Session, ids):
    for i in ids:
        session.get(User, i)  # want: FA301
