from fastapi import APIRouter, Depends

from ..deps import get_current_user

router = APIRouter()


@router.get("/")
def list_todos(user: str = Depends(get_current_user)):
    return []


@router.post("/", status_code=201)
def create_todo():
    return {}


@router.put("/{todo_id}")
def update_todo(todo_id: int):
    return {}


@router.delete("/{todo_id}", status_code=204)
def delete_todo(todo_id: int):
    return None
