import hashlib
import hmac

from fastapi import APIRouter, Header, HTTPException, Request

from ..settings import WEBHOOK_SECRET

router = APIRouter(tags=["webhooks"])


@router.post("/github")
async def github_webhook(request: Request):
    body = await request.body()
    signature = request.headers.get("X-Hub-Signature-256", "")
    expected = "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(signature, expected):
        raise HTTPException(status_code=401)
    return {"ok": True}


def verify_signature(body: bytes, signature: str) -> None:
    digest = hmac.new(WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(digest, signature):
        raise HTTPException(status_code=401)


@router.post("/stripe")
async def stripe_webhook(request: Request, stripe_signature: str = Header(...)):
    verify_signature(await request.body(), stripe_signature)
    return {"ok": True}


@router.post("/slack")  # want: FA213
async def slack_webhook(request: Request):
    payload = await request.json()
    return {"received": payload}
