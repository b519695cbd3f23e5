from fastapi import APIRouter, Depends

from ..security import get_current_user

router = APIRouter(dependencies=[Depends(get_current_user)])


@router.post("/", status_code=201)
def create_note():
    return {}


@router.delete("/{note_id}", status_code=204)
def delete_note(note_id: int):
    return None
