from fastapi import APIRouter

router = APIRouter(tags=["admin"])


@router.put("/settings")
def update_settings():
    return {}
