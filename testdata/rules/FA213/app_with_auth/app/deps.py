from typing import Annotated

from fastapi import Depends, HTTPException, status
from jose import JWTError, jwt

from .security import oauth2_scheme
from .settings import SECRET_KEY


def get_current_user(token: str = Depends(oauth2_scheme)):
    try:
        payload = jwt.decode(token, SECRET_KEY, algorithms=["HS256"])
    except JWTError:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="invalid token")
    return payload["sub"]


def get_current_active_user(user=Depends(get_current_user)):
    return user


def require_admin(user=Depends(get_current_active_user)):
    if user != "admin":
        raise HTTPException(status_code=403)
    return user


CurrentUser = Annotated[str, Depends(get_current_user)]
