from typing import Annotated, Optional

from fastapi import APIRouter, Body, Cookie, Depends, FastAPI, Form, Header, Security, WebSocket
from fastapi.security import APIKeyHeader, OAuth2PasswordBearer, OAuth2PasswordRequestForm
from pydantic import BaseModel

app = FastAPI()
router = APIRouter()
api_key_header = APIKeyHeader(name="X-API-Key")
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")


class Login(BaseModel):
    username: str
    password: str


@router.post("/token")
def token(form: Annotated[OAuth2PasswordRequestForm, Depends()]):
    return {"access_token": form.username}


@router.post("/login")
def login(body: Login, password_hint: Optional[str] = None):
    return {}


@router.post("/form-login")
def form_login(username: str = Form(...), password: str = Form(...)):
    return {}


@router.get("/export")
def export(
    api_key: str = Security(api_key_header),
    token: str = Depends(oauth2_scheme),
    x_token: str = Header(...),
    session_token: Optional[str] = Cookie(None),
    secret: str = Body(...),
):
    return {}


@router.get("/tokens/{token}")
def read_token(token: str, token_type: str = "bearer", page_token: Optional[str] = None):
    return {}


@router.get("/auth/verify-email")
def verify_email(token: str):
    return {}


@router.get("/oauth/callback")
def oauth_callback(code: str, state: str, token: Optional[str] = None):
    return {}


@app.websocket("/ws")
async def ws(websocket: WebSocket, token: str):
    await websocket.accept()


def not_a_route(password: str):
    return password
