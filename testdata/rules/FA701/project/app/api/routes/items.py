from fastapi import APIRouter

router = APIRouter(prefix="/items", tags=["items"])


@router.get("/")
def list_items():
    return []


@router.get("/{item_id}")
def read_item(item_id: int):
    return {}


@router.post("/")
async def create_item():
    return {}


@router.put("/{item_id}")
def update_item(item_id: int):
    return {}


@router.delete("/{item_id}")  # want: FA701
def delete_item(item_id: int):
    return None


@router.get("/{item_id}/reviews")  # want: FA701
def list_reviews(item_id: int):
    return []


@router.api_route("/{item_id}/archive", methods=["POST", "DELETE"])  # want: FA701
def archive(item_id: int):
    return {}
