from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session as S, sessionmaker
from sqlalchemy import create_engine, select

engine = create_engine("sqlite://")
SessionLocal = sessionmaker(bind=engine)
router = APIRouter()


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


@router.get("/users")
async def list_users(db: S = Depends(get_db)):
    return db.query(User).all()  # want: FA101


@router.post("/users")
async def create_user(db=Depends(get_db)):
    user = User()
    db.add(user)
    db.commit()  # want: FA101
    db.refresh(user)  # want: FA101
    return user


async def count_users():
    with SessionLocal() as session:
        return session.scalar(select(User))  # want: FA101


async def direct():
    s = S(engine)
    s.execute(select(User))  # want: FA101
