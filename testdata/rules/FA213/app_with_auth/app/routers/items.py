from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ..database import get_db
from ..deps import get_current_user, require_admin

router = APIRouter(prefix="/items", tags=["items"], dependencies=[Depends(get_current_user)])


@router.get("/")
def list_items(db: Session = Depends(get_db)):
    return []


@router.post("/", status_code=201)
def create_item(db: Session = Depends(get_db)):
    return {}


@router.delete("/{item_id}", status_code=204, dependencies=[Depends(require_admin)])
def delete_item(item_id: int, db: Session = Depends(get_db)):
    return None
