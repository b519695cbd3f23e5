from fastapi import APIRouter, Depends, FastAPI, HTTPException
from fastapi.security import OAuth2PasswordBearer

from app.responses import COMMON_RESPONSES

app = FastAPI(title="Shop", version="1.0.0", responses={401: {"description": "Unauthorized"}})
hidden = APIRouter(prefix="/internal", include_in_schema=False)
oauth2 = OAuth2PasswordBearer(tokenUrl="token")
ERRORS = {404: {"description": "Not found"}, "409": {"description": "Conflict"}}


def current_user(token: str = Depends(oauth2)):
    # 401/403 raised by a shared auth dependency: not the handler's body.
    if not token:
        raise HTTPException(status_code=401)
    raise HTTPException(status_code=403)


@app.get("/items/{item_id}", responses=ERRORS)
def read_item(item_id: int, user=Depends(current_user)):
    if item_id < 0:
        raise HTTPException(status_code=422, detail="FastAPI declares 422 itself")
    if item_id == 0:
        raise HTTPException(status_code=404)
    raise HTTPException(status_code=409)


@app.get("/ranges", responses={"4XX": {"description": "Client error"}})
def ranges():
    raise HTTPException(status_code=418)


@app.get("/default", responses={"default": {"description": "Error"}})
def default():
    raise HTTPException(status_code=410)


@app.get("/common", responses={**COMMON_RESPONSES, 200: {}})
def common():
    raise HTTPException(status_code=404)


@app.get("/auth")
def auth_only(token: str = ""):
    # 401 declared on the app.
    raise HTTPException(status_code=401)


@app.get("/server")
def server_error():
    raise HTTPException(status_code=503)


@app.get("/dynamic")
def dynamic(code: int):
    raise HTTPException(status_code=code)


@app.get("/nested")
def nested():
    def helper():
        raise HTTPException(status_code=404)

    return helper


@app.get("/not-raised")
def not_raised():
    return HTTPException(status_code=404)


@app.get("/schema-less", include_in_schema=False)
def schema_less():
    raise HTTPException(status_code=404)


@hidden.get("/stats")
def stats():
    raise HTTPException(status_code=404)


app.include_router(hidden)
