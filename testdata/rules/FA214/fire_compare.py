import hashlib
import hmac

from fastapi import APIRouter, Header, HTTPException, Request

from app.config import settings

router = APIRouter()
WEBHOOK_SECRET = b"from-env"


def check_api_key(x_api_key: str = Header(...)):
    if x_api_key != settings.API_KEY:  # want: FA214
        raise HTTPException(status_code=401)


@router.post("/webhook")
async def webhook(request: Request, x_signature: str = Header(...)):
    body = await request.body()
    expected = hmac.new(WEBHOOK_SECRET, body, hashlib.sha256).hexdigest()
    if hmac.new(WEBHOOK_SECRET, body, hashlib.sha256).hexdigest() != x_signature:  # want: FA214
        raise HTTPException(status_code=401)
    if expected == x_signature:  # want: FA214
        return {"ok": True}


@router.get("/internal")
def internal(request: Request):
    if request.headers.get("X-API-Key") == settings.INTERNAL_KEY:  # want: FA214
        return {"ok": True}
    token = request.query_params.get("t")
    if token == stored_token():  # want: FA214
        return {"ok": True}
    return {"ok": False}


def verify_digest(received_digest: bytes, computed: bytes) -> bool:
    return received_digest == computed  # want: FA214


def stored_token():
    return "x"


def check_secret(client_secret: str, app):
    return app.client_secret == client_secret  # want: FA214
