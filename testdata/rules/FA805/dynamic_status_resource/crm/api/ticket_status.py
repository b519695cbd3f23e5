from fastapi import APIRouter

router = APIRouter(prefix="/status", tags=["tickets"])


@router.get("/")
def list_statuses():
    return ["open", "closed"]
