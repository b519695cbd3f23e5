from fastapi import APIRouter, Response

from app.config import settings

router = APIRouter()
COOKIE_OPTS = {"httponly": True, "secure": True}


@router.post("/login")
def login(response: Response):
    token = "computed"
    response.set_cookie("access_token", token, httponly=True, secure=True, samesite="lax")
    response.set_cookie(key="session", value=token, httponly=True, secure=settings.COOKIE_SECURE)
    response.set_cookie("jwt", token, **COOKIE_OPTS)
    response.set_cookie("csrftoken", "abc", secure=True)
    return {"ok": True}


@router.get("/prefs")
def prefs(response: Response, theme: str, lang: str):
    response.set_cookie("theme", theme)
    response.set_cookie(key="lang", value=lang)
    response.set_cookie("locale", "en")
    response.set_cookie("seen_banner", "1", max_age=3600)
    response.delete_cookie("access_token")
    return {}
