from fastapi import APIRouter

from app.api.tags import Tags

router = APIRouter(tags=[Tags.users])


@router.get("/")
def list_users():
    return []
