from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from app.config import settings

router = APIRouter()


@router.post("/login")
def login(response: Response):
    token = "computed"
    response.set_cookie("access_token", token)  # want: FA220
    response.set_cookie(key="session", value=token, httponly=True)  # want: FA220
    response.set_cookie(key="refresh_token", value=token, secure=True)  # want: FA220
    response.set_cookie(settings.SESSION_COOKIE_NAME, token, httponly=False, secure=True)  # want: FA220
    response.set_cookie("csrftoken", "abc")  # want: FA220
    return {"ok": True}


@router.post("/login2")
def login2():
    access_token = "computed"
    resp = JSONResponse({"ok": True})
    resp.set_cookie(key="auth", value=access_token, secure=False, httponly=True)  # want: FA220
    resp.set_cookie("sid", access_token, httponly=True, secure=True)
    resp.set_cookie("c", access_token, httponly=True)  # want: FA220
    return resp
