from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel
from starlette.responses import RedirectResponse as StarletteRedirect

router = APIRouter()


class LoginForm(BaseModel):
    username: str
    next_url: str


@router.get("/login/done")
def done(next: str):
    return RedirectResponse(next)  # want: FA219


@router.get("/go")
async def go(request: Request):
    target = request.query_params.get("to")
    return RedirectResponse(url=target)  # want: FA219


@router.post("/login")
def login(form: LoginForm):
    dest = form.next_url.strip()
    return StarletteRedirect(f"{dest}?welcome=1")  # want: FA219


@router.get("/out/{site}")
def out(site: str):
    return RedirectResponse("https://" + site)  # want: FA219


@router.get("/host")
def host_concat(domain: str):
    # no "/" after the literal host: "example.com@evil.test" leaves it
    return RedirectResponse(f"https://example.com{domain}")  # want: FA219
