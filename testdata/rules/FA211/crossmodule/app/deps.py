from typing import Annotated

from fastapi import Depends
from sqlalchemy.orm import Session

from .database import get_db
from .models import User


def get_current_user(db: Session = Depends(get_db)) -> User:
    return db.query(User).first()


CurrentUser = Annotated[User, Depends(get_current_user)]
