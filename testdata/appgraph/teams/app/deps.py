from typing import Annotated

from fastapi import Depends, Header
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session

from .database import get_db

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")


def verify_key(x_key: str = Header(...)):
    return x_key


def get_current_user(token: Annotated[str, Depends(oauth2_scheme)], db: Session = Depends(get_db)):
    return token


CurrentUser = Annotated[dict, Depends(get_current_user)]
