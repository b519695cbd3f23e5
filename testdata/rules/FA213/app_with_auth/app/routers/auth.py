from fastapi import APIRouter, Depends
from fastapi.security import OAuth2PasswordRequestForm
from sqlalchemy.orm import Session

from ..database import get_db

router = APIRouter()


@router.post("/token")
def login_for_access_token(form: OAuth2PasswordRequestForm = Depends(), db: Session = Depends(get_db)):
    return {"access_token": "...", "token_type": "bearer"}


@router.post("/login")
def login(db: Session = Depends(get_db)):
    return {}


@router.post("/register", status_code=201)
def register(db: Session = Depends(get_db)):
    return {}


@router.post("/signup", status_code=201)
def create_account(db: Session = Depends(get_db)):
    return {}


@router.post("/refresh")
def refresh_access_token(db: Session = Depends(get_db)):
    return {}


@router.post("/forgot-password")
def forgot_password(db: Session = Depends(get_db)):
    return {}
