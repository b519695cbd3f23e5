from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from app import crud
from app.crud import UserRepository

router = APIRouter()


def get_db():
    yield Session()


@router.get("/users")
def users(name: str, db: Session = Depends(get_db)):
    return crud.search_users(db, name.strip())


@router.get("/report")
def report(db: Session = Depends(get_db)):
    crud.count(db, 1)
    return crud.run_procedure(db, "sp_report")


@router.get("/users/by-email")
def by_email(email: str, repo: UserRepository = Depends(UserRepository)):
    repo.by_id("1")
    return repo.by_email(email)


@router.delete("/all")
def purge_all(db: Session = Depends(get_db)):
    crud.purge(db, ["sessions", "tokens"])


@router.get("/users/find")
def find(column: str, db: Session = Depends(get_db)):
    return crud.find_by(db, column, "x")
