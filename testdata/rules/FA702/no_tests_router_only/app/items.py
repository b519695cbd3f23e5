from fastapi import APIRouter

router = APIRouter(prefix="/items", tags=["items"])


@router.get("/")  # want: FA702
def list_items():
    return []


@router.post("/")
def create_item():
    return {}
