from fastapi import FastAPI

from app.errors import NotFoundError, Plain

app = FastAPI()


@app.get("/a/{x}")
def a(x: int):
    if x < 0:
        return NotFoundError("a")  # want: FA407
    if x > 100:
        NotFoundError("too big")  # want: FA407
    if x == 42:
        Plain("not an HTTP error")
    return {"x": x}
