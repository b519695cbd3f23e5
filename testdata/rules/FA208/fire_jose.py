from fastapi import Depends, FastAPI
from fastapi.security import OAuth2PasswordBearer
from jose import jwt
from jose.jwt import decode as jose_decode

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
SECRET_KEY = "x"


async def get_current_user(token: str = Depends(oauth2_scheme)):
    claims = jwt.get_unverified_claims(token)  # want: FA208
    return claims["sub"]


def current_user_id(token):
    return jwt.get_unverified_claims(token)["sub"]  # want: FA208


@app.get("/items", dependencies=[Depends(current_user_id)])
def items():
    return []


def decode_token(token: str):
    return jose_decode(token, SECRET_KEY)  # want: FA208
