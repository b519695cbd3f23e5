from fastapi import APIRouter

router = APIRouter(tags=["ops"])


@router.get("/healthz")
def healthz():
    return {"ok": True}
