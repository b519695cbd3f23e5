from fastapi import APIRouter

from app import schemas
from app.schemas import LegacyOut, UserCreate

router = APIRouter()


@router.post("/users")
def create_user(user_in: schemas.UserCreate, other: UserCreate, db=None) -> dict:
    row = db.add(user_in.dict())  # want: FA507
    out = schemas.UserOut.from_orm(row)  # want: FA507
    legacy = LegacyOut.parse_obj({"id": 1})
    return {"a": other.dict(), "b": out.json(), "c": legacy.dict()}  # want: FA507 FA507
