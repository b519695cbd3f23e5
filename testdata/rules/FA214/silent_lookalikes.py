import hmac

from fastapi import APIRouter, Header, HTTPException
from sqlalchemy import select

from app.models import ApiKey, TokenType, User

router = APIRouter()


def check_api_key(x_api_key: str = Header(...), expected_key: str = ""):
    if x_api_key is None or x_api_key == "":
        raise HTTPException(status_code=401)
    if not hmac.compare_digest(x_api_key, expected_key):
        raise HTTPException(status_code=401)


def login(form, user):
    # password compares are FA204's
    if form.password != user.password:
        raise HTTPException(status_code=400)


def token_kind(token, payload, token_type: str, credentials):
    if token_type != "bearer":
        return None
    if payload.get("type") != "refresh":
        return None
    if credentials.scheme != "Bearer":
        return None
    if len(token) == 32 or token == None:  # noqa: E711
        return None
    if token.kind == TokenType.ACCESS:
        return None
    if token == "null":
        return None
    return token


def lookup(db, api_key: str, token: str):
    user = db.query(User).filter(User.api_key == api_key).first()
    row = db.execute(select(ApiKey).where(ApiKey.key == api_key)).scalar_one_or_none()
    return user, row


class Token:
    def __init__(self, value: str):
        self.token = value

    def __eq__(self, other):
        return self.token == other.token


def etag_check(file_digest: str, etag: str, next_page_token: str, cursor: str):
    if file_digest == etag:
        return True
    if next_page_token == cursor:
        return True
    return False


IMAGE_SIGNATURES = {"image/png": [b"\x89PNG"]}


def looks_like_png(content: bytes) -> bool:
    for sig in IMAGE_SIGNATURES["image/png"]:
        if content[: len(sig)] == sig:
            return True
    return False


def cache_hit(existing, digest: str) -> bool:
    return existing.digest == digest


def changed(old_secret: str, item, before_signature: str, after_signature: str) -> bool:
    return old_secret == item.secret or before_signature != after_signature
