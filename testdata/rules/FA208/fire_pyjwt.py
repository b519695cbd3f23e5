import jwt as pyjwt
from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import OAuth2PasswordBearer

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
SECRET_KEY = "x"
NO_VERIFY = {"verify_signature": False}
ALGORITHMS = ["HS256", "none"]


def get_current_user(token: str = Depends(oauth2_scheme)):
    payload = pyjwt.decode(token, options={"verify_signature": False})  # want: FA208
    return payload["sub"]


def get_user_v1(token: str = Depends(oauth2_scheme)):
    payload = pyjwt.decode(token, SECRET_KEY, verify=False)  # want: FA208
    return payload


def get_user_options_var(token: str = Depends(oauth2_scheme)):
    return pyjwt.decode(token, SECRET_KEY, algorithms=["HS256"], options=NO_VERIFY)  # want: FA208


def get_user_no_algorithms(token: str = Depends(oauth2_scheme)):
    return pyjwt.decode(token, SECRET_KEY)  # want: FA208


def get_user_none_alg(token: str = Depends(oauth2_scheme)):
    return pyjwt.decode(token, SECRET_KEY, algorithms=ALGORITHMS)  # want: FA208


def get_user_header_alg(token: str = Depends(oauth2_scheme)):
    header = pyjwt.get_unverified_header(token)
    return pyjwt.decode(token, SECRET_KEY, algorithms=[header["alg"]])  # want: FA208


@app.get("/me")
def me(token: str = Depends(oauth2_scheme)):
    claims = pyjwt.decode(token, SECRET_KEY, algorithms=None)  # want: FA208
    if not claims:
        raise HTTPException(status_code=401)
    return claims
