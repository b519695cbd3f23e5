from typing import Annotated

from fastapi import APIRouter, Depends, Response
from fastapi_pagination import Page
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from app.database import get_async_db, get_db
from app.deps import get_current_user
from app.models import ApiClient, Article, Profile, User
from app.schemas import Token, UserMasked, UserOut

router = APIRouter(tags=["safe"])


@router.get("/{user_id}", response_model=UserOut)
def read_user(user_id: int, db: Session = Depends(get_db)):
    return db.get(User, user_id)


@router.get("/me")
def read_me(current_user: User = Depends(get_current_user)) -> UserOut:
    return current_user


@router.get("/", response_model=list[UserOut])
def list_users(db: Session = Depends(get_db)):
    return db.query(User).all()


@router.get("/async/{user_id}", response_model=UserOut)
async def read_user_async(user_id: int, session: AsyncSession = Depends(get_async_db)):
    return (await session.execute(select(User).where(User.id == user_id))).scalars().first()


@router.get("/page", response_model=Page[UserOut])
def paged_users(db: Session = Depends(get_db)):
    return db.query(User).all()


@router.get("/excluded/{user_id}", response_model_exclude={"hashed_password"})
def read_user_excluded(user_id: int, db: Session = Depends(get_db)):
    return db.get(User, user_id)


@router.get("/masked/{user_id}", response_model=UserMasked)
def read_user_masked(user_id: int, db: Session = Depends(get_db)):
    return db.get(User, user_id)


@router.post("/token", response_model=Token)
def login(db: Session = Depends(get_db)):
    return {"access_token": "x", "refresh_token": "y", "token_type": "bearer"}


@router.post("/token/raw")
def login_raw(db: Session = Depends(get_db)):
    user = db.query(User).first()
    return {"access_token": create_token(user.id), "token_type": "bearer"}


@router.get("/refresh")
def refresh(db: Session = Depends(get_db)):
    return {"token": create_token(1), "token_type": "bearer"}


@router.post("/clients")
def create_client(name: str, db: Session = Depends(get_db)):
    client = ApiClient(name=name, client_secret=new_secret())
    db.add(client)
    db.commit()
    return client  # issued once, on purpose


@router.get("/articles/{article_id}")
def read_article(article_id: int, db: Session = Depends(get_db)):
    return db.get(Article, article_id)


@router.get("/profiles/{profile_id}")
def read_profile(profile_id: int, db: Session = Depends(get_db)):
    return db.get(Profile, profile_id)


@router.get("/masked-dict/{user_id}")
def read_user_dict(user_id: int, db: Session = Depends(get_db)):
    user = db.get(User, user_id)
    return {"email": user.email, "password": "********", "password_reset": False}


@router.get("/raw")
def raw():
    return Response(content="ok")


def helper(db: Session):
    return db.get(User, 1)


def create_token(sub):
    return "token"


def new_secret():
    return "secret"
