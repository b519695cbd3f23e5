from fastapi import APIRouter, HTTPException

router = APIRouter()


@router.get("/{item_id}")
def read_item(item_id: int):
    if item_id == 0:
        raise HTTPException(status_code=404)
    raise HTTPException(status_code=409)  # want: FA604
