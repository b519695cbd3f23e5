import os

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from fastapi.security import OAuth2PasswordBearer

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
API_TOKEN = os.environ["API_TOKEN"]


@app.middleware("http")
async def require_token(request: Request, call_next):
    # Every request is authenticated here, so no route needs a dependency.
    if request.headers.get("Authorization") != f"Bearer {API_TOKEN}":
        return JSONResponse({"detail": "unauthorized"}, status_code=401)
    return await call_next(request)


@app.get("/me")
def me(token: str = Depends(oauth2_scheme)):
    return {}


@app.post("/things", status_code=201)
def create_thing():
    return {}
