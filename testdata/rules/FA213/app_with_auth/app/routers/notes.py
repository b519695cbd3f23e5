from fastapi import APIRouter, Depends, Security
from sqlalchemy.orm import Session

from ..database import get_db
from ..deps import CurrentUser, get_current_user

router = APIRouter(tags=["notes"])


@router.get("/")
def list_notes(db: Session = Depends(get_db)):
    return []


@router.post("/", status_code=201)
def create_note(user: CurrentUser, db: Session = Depends(get_db)):
    return {}


@router.put("/{note_id}")
def replace_note(note_id: int, user: str = Security(get_current_user, scopes=["notes:write"])):
    return {}


@router.patch("/{note_id}", dependencies=[Depends(get_current_user)])
def update_note(note_id: int, db: Session = Depends(get_db)):
    return {}


@router.delete("/{note_id}", status_code=204)  # want: FA213
def delete_note(note_id: int, db: Session = Depends(get_db)):
    return None


@router.api_route("/{note_id}/archive", methods=["POST", "PUT"])  # want: FA213
def archive_note(note_id: int, db: Session = Depends(get_db)):
    return {}
