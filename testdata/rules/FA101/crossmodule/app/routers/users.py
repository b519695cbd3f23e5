from fastapi import APIRouter, Depends
from ..database import get_db, DbSession
from .. import database

router = APIRouter(prefix="/users")


@router.get("/")
async def list_users(db=Depends(get_db)):
    return db.query(User).all()  # want: FA101


@router.get("/{user_id}")
async def get_user(user_id: int, db: DbSession):
    return db.get(User, user_id)  # want: FA101


@router.delete("/{user_id}")
async def delete_user(user_id: int, db=Depends(database.get_db)):
    db.delete(db.get(User, user_id))  # want: FA101
    db.commit()  # want: FA101


@router.get("/sync/")
def sync_list(db=Depends(get_db)):
    return db.query(User).all()
