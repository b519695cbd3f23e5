from fastapi import APIRouter

router = APIRouter()


@router.post("/token")
def login():
    return {"access_token": "...", "token_type": "bearer"}


@router.post("/register", status_code=201)
def register():
    return {}
