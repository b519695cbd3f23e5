from fastapi import APIRouter

router = APIRouter()


@router.post("/reindex", status_code=202)  # want: FA213
def reindex():
    return {}


@router.delete("/cache", status_code=204)  # want: FA213
def clear_cache():
    return None
