from fastapi import APIRouter

router = APIRouter()


@router.post("/charge", status_code=201)
def charge():
    return {}
