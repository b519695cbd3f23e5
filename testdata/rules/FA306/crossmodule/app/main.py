from fastapi import Depends, FastAPI

from app.clients import get_http, http

app = FastAPI()


@app.get("/a")
def a():
    return http.get("https://example.com").json()  # want: FA306


@app.get("/b")
def b(s=Depends(get_http)):
    return s.delete("https://example.com/x", timeout=3).status_code
