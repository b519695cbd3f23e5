from sqlalchemy import text
from sqlalchemy.orm import Session


def search_users(db: Session, name: str):
    return db.execute(text(f"SELECT * FROM users WHERE name = '{name}'")).all()  # want: FA209


def run_procedure(db: Session, procedure_name: str):
    # every caller passes a constant
    return db.execute(text(f"EXEC {procedure_name}")).all()


def count(db: Session, user_id: int, table: str = "users"):
    return db.execute(text(f"SELECT count(*) FROM {table} WHERE owner = {user_id}")).scalar()


class UserRepository:
    def __init__(self, db: Session):
        self.db = db

    def by_email(self, email: str):
        return self.db.execute(text("SELECT * FROM users WHERE email = '%s'" % email)).first()  # want: FA209

    def by_id(self, user_id: str):
        # never called with outside data
        return self.db.execute(text("SELECT * FROM users WHERE id = " + user_id)).first()


def _delete_from(db: Session, table: str):
    # two calls up, every table name is a constant
    db.execute(text(f"DELETE FROM {table}"))


def purge(db: Session, tables: list[str]):
    for table in tables:
        _delete_from(db, table)


def _find(db: Session, column: str, value: str):
    return db.execute(text(f"SELECT * FROM users WHERE {column} = :v"), {"v": value}).all()  # want: FA209


def find_by(db: Session, column: str, value: str):
    return _find(db, column, value)
