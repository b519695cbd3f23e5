import jwt
from fastapi import Depends, FastAPI
from fastapi.security import OAuth2PasswordBearer
from jwt import PyJWKClient

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
SECRET_KEY = "x"
ALGORITHM = "HS256"
jwks_client = PyJWKClient("https://example.com/.well-known/jwks.json")


def get_current_user(token: str = Depends(oauth2_scheme)):
    payload = jwt.decode(token, SECRET_KEY, algorithms=[ALGORITHM])
    return payload["sub"]


def get_user_positional(token: str = Depends(oauth2_scheme)):
    return jwt.decode(token, SECRET_KEY, [ALGORITHM], options={"verify_aud": False})


def get_user_jwks(token: str = Depends(oauth2_scheme)):
    header = jwt.get_unverified_header(token)
    key = jwks_client.get_signing_key(header["kid"])
    return jwt.decode(token, key.key, algorithms=["RS256"])


def key_id(token: str) -> str:
    # a helper that only picks the key id; never used as a dependency
    return jwt.get_unverified_header(token)["kid"]


def decode_with_kwargs(token: str, **kwargs):
    return jwt.decode(token, SECRET_KEY, **kwargs)


def log_expiry(token: str):
    # a client-side look at a token we issued, outside request authentication
    claims = jwt.get_unverified_header(token)
    return claims


@app.get("/me")
def me(user: str = Depends(get_current_user)):
    return {"user": user}
