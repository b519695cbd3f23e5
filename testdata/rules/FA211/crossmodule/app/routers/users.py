from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from app import crud
from app.database import get_async_db, get_db
from app.deps import CurrentUser, get_current_user
from app.models import ApiClient, User
from app.schemas import TeamOut, UserOut, UserWithSecret

router = APIRouter(tags=["users"])


@router.get("/{user_id}")
def read_user(user_id: int, db: Session = Depends(get_db)):
    return db.get(User, user_id)  # want: FA211


@router.get("/me")
def read_me(current_user: User = Depends(get_current_user)):
    return current_user  # want: FA211


@router.get("/me/alias")
def read_me_alias(user: CurrentUser):
    return user  # want: FA211


@router.get("/")
def list_users(db: Session = Depends(get_db)):
    return db.query(User).filter(User.email.isnot(None)).all()  # want: FA211


@router.get("/async/{user_id}")
async def read_user_async(user_id: int, session: AsyncSession = Depends(get_async_db)):
    result = await session.execute(select(User).where(User.id == user_id))
    user = result.scalars().first()
    return user  # want: FA211


@router.get("/crud/{user_id}")
def read_user_crud(user_id: int, db: Session = Depends(get_db)):
    user = crud.get_user(db, user_id)
    return user  # want: FA211


@router.get("/secret/{user_id}", response_model=UserWithSecret)
def read_user_with_secret(user_id: int, db: Session = Depends(get_db)):
    user = db.get(User, user_id)
    return user  # want: FA211


@router.get("/secret2/{user_id}")
def read_user_annotated(user_id: int, db: Session = Depends(get_db)) -> UserWithSecret:
    return db.get(User, user_id)  # want: FA211


@router.get("/teams", response_model=list[TeamOut])
def list_teams():
    return []  # want: FA211


@router.get("/dict/{user_id}")
def read_user_dict(user_id: int, db: Session = Depends(get_db)):
    user = db.query(User).filter(User.id == user_id).one()
    return {"email": user.email, "hashed_password": user.hashed_password}  # want: FA211


@router.get("/wrapped/{user_id}")
def read_user_wrapped(user_id: int, db: Session = Depends(get_db)):
    user = db.query(User).filter(User.id == user_id).first()
    return {"user": user, "ok": True}  # want: FA211


@router.get("/clients/{client_id}")
def read_client(client_id: int, db: Session = Depends(get_db)):
    client = db.query(ApiClient).get(client_id)
    return client  # want: FA211


@router.get("/json/{user_id}", response_model=UserOut)
def read_user_json(user_id: int, db: Session = Depends(get_db)):
    user = db.get(User, user_id)
    return JSONResponse(content=jsonable_encoder(user))  # want: FA211


@router.get("/none/{user_id}", response_model=None)
def read_user_unfiltered(user_id: int, db: Session = Depends(get_db)):
    return db.get(User, user_id)  # want: FA211


@router.post("/")
def create_user(email: str, password: str, db: Session = Depends(get_db)):
    user = User(email=email, hashed_password=password)
    db.add(user)
    db.commit()
    return user  # want: FA211


@router.get("/reset/{user_id}")
def read_reset(user_id: int, db: Session = Depends(get_db)) -> dict:
    user = db.get(User, user_id)
    return {"email": user.email, "reset_token": user.reset_token}  # want: FA211
