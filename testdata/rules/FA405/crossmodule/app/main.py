from fastapi import Depends, FastAPI

from app.deps import get_db

app = FastAPI()


@app.get("/items")
def items(db=Depends(get_db)):
    return []
