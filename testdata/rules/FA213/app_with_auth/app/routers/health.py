from fastapi import APIRouter

router = APIRouter()


@router.post("/health/check")
def health_check():
    return {"status": "ok"}


@router.post("/ping")
def ping():
    return "pong"
