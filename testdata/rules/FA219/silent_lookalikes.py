from urllib.parse import urlparse

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

router = APIRouter()

ALLOWED_REDIRECTS = {"/", "/dashboard"}
ALLOWED_HOSTS = {"example.com"}
HOME = "/home"


@router.get("/a")
def allow_list(next: str):
    if next not in ALLOWED_REDIRECTS:
        next = "/"
    return RedirectResponse(next)


@router.get("/b")
def host_check(next: str):
    if urlparse(next).netloc not in ALLOWED_HOSTS:
        return RedirectResponse("/")
    return RedirectResponse(url=next)


@router.get("/c")
def local_only(next: str):
    if not next.startswith("/") or next.startswith("//"):
        next = "/"
    return RedirectResponse(next)


@router.get("/items/{item_id}/view")
def item(item_id: str, request: Request):
    RedirectResponse(f"/items/{item_id}")
    RedirectResponse("/items/" + item_id)
    RedirectResponse(f"https://example.com/items/{item_id}")
    RedirectResponse(HOME)
    RedirectResponse(url="/login")
    return RedirectResponse(request.url_for("read_item", item_id=item_id))


@router.get("/d")
def by_id(item_id: int):
    return RedirectResponse(str(item_id))


class Settings:
    FRONTEND_URL = "https://app.example.com"

    def frontend_url(self, path: str) -> str:
        return self.FRONTEND_URL + path


settings = Settings()


def get_safe_return_url(path: str) -> str:
    return path if path.startswith("/") else "/"


@router.get("/oauth/callback")
def callback(error: str, slug: str, return_path: str, request: Request):
    # request values after a fixed host only land in the path or query
    RedirectResponse(f"{settings.FRONTEND_URL}/auth/error?reason={error}")
    RedirectResponse(settings.FRONTEND_URL + "/auth/" + slug)
    RedirectResponse(settings.frontend_url(f"/auth/sso/{slug}"))
    RedirectResponse(get_safe_return_url(return_path))
    next_url = HOME
    next_url += f"&slug={slug}"
    RedirectResponse(next_url)
    # the HTTPS-redirect idiom: the request's own URL
    return RedirectResponse(request.url.replace(scheme="https"))


@router.get("/oauth/done")
def oauth_done(frontend_url: str):
    parsed = urlparse(frontend_url)
    ok = parsed.scheme == "https" and parsed.netloc == urlparse(settings.FRONTEND_URL).netloc
    if not ok:
        frontend_url = settings.FRONTEND_URL
    return RedirectResponse(f"{frontend_url}/auth/callback")
