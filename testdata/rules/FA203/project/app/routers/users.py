from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from app.crud import create_user, set_hashed, set_password
from app.models import ServiceAccount, User
from app.schemas import UserCreate
from app.security import get_password_hash

router = APIRouter()


def get_db():
    yield Session()


@router.post("/users")
def signup(body: UserCreate, db: Session = Depends(get_db)):
    return create_user(db, body)


@router.post("/users/plain")
def signup_plain(body: UserCreate, db: Session = Depends(get_db)):
    user = User(email=body.email, hashed_password=body.password)  # want: FA203
    db.add(user)
    return {"id": user.id}


@router.put("/accounts/{account_id}/password")
def change_password(account_id: int, new_password: str, db: Session = Depends(get_db)):
    account = db.get(ServiceAccount, account_id)
    set_hashed(db, account, get_password_hash(new_password))
    set_password(db, account, new_password)
