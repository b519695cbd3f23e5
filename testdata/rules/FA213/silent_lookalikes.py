import hashlib
import hmac
import os

import jwt
import stripe
from fastapi import Cookie, Depends, FastAPI, Header, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer, OAuth2PasswordRequestForm

app = FastAPI()
SECRET = os.environ["SECRET"]


class JWTBearer(HTTPBearer):
    async def __call__(self, request: Request):
        credentials: HTTPAuthorizationCredentials = await super().__call__(request)
        return jwt.decode(credentials.credentials, SECRET, algorithms=["HS256"])


def decode_token(token: str) -> dict:
    return jwt.decode(token, SECRET, algorithms=["HS256"])


def user_from_header(authorization: str = Header(...)):
    # Verifies the token through a helper.
    return decode_token(authorization.removeprefix("Bearer "))


class RoleChecker:
    def __init__(self, roles: list[str]):
        self.roles = roles

    def __call__(self, user: dict = Depends(user_from_header)):
        if user["role"] not in self.roles:
            raise HTTPException(status_code=403)
        return user


@app.post("/articles", status_code=201)
def create_article(user: dict = Depends(user_from_header)):
    return {}


@app.put("/articles/{article_id}", dependencies=[Depends(JWTBearer())])
def update_article(article_id: int):
    return {}


@app.delete("/articles/{article_id}", status_code=204)
def delete_article(article_id: int, admin: dict = Depends(RoleChecker(["admin"]))):
    return None


@app.patch("/articles/{article_id}/publish")
def publish_article(article_id: int, session: str = Cookie(None)):
    # The handler checks the session cookie itself.
    if session is None:
        raise HTTPException(status_code=401)
    decode_token(session)
    return {}


@app.post("/articles/{article_id}/like")
async def like_article(article_id: int, request: Request):
    # The handler reads and checks the Authorization header itself.
    auth = request.headers.get("Authorization")
    if not auth or not auth.startswith("Bearer "):
        raise HTTPException(status_code=401)
    return {}


# Public by design: login, register, sign-up, token, refresh, logout, health, password reset.
@app.post("/token")
def token(form: OAuth2PasswordRequestForm = Depends()):
    return {}


@app.post("/auth/login")
def login():
    return {}


@app.post("/auth/register", status_code=201)
def register():
    return {}


@app.post("/auth/sign-up", status_code=201)
def sign_up():
    return {}


@app.post("/users", status_code=201)
def create_user():
    return {}


@app.post("/auth/refresh")
def refresh():
    return {}


@app.post("/auth/logout")
def logout():
    return {}


@app.post("/auth/password/reset")
def reset_password():
    return {}


@app.post("/auth/verify-email")
def verify_email():
    return {}


@app.post("/healthz")
def healthz():
    return {}


# Webhooks that verify the provider's signature.
@app.post("/webhooks/github")
async def github_webhook(request: Request, x_hub_signature_256: str = Header(...)):
    body = await request.body()
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, x_hub_signature_256):
        raise HTTPException(status_code=401)
    return {}


@app.post("/webhooks/stripe")
async def stripe_webhook(request: Request):
    payload = await request.body()
    event = stripe.Webhook.construct_event(payload, request.headers["stripe-signature"], SECRET)
    return {"type": event["type"]}


async def verified_signature(request: Request):
    body = await request.body()
    sig = request.headers.get("X-Signature", "")
    if not hmac.compare_digest(hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest(), sig):
        raise HTTPException(status_code=401)


@app.post("/hooks/deploy", dependencies=[Depends(verified_signature)])
async def deploy_hook():
    return {}


@app.post("/imports", dependencies=[Depends(some_unknown_factory())])
def start_import():
    # An unresolved dependency may authenticate: stay silent.
    return {}


@app.post("/users/open", status_code=201)
def create_user_open():
    # Open registration.
    return {}
