import logging
from logging import getLogger

from fastapi import APIRouter
from pydantic import BaseModel

from app.config import settings

router = APIRouter()
logger = logging.getLogger(__name__)
audit = getLogger("audit")


class LoginRequest(BaseModel):
    username: str
    password: str


@router.post("/login")
def login(body: LoginRequest):
    logger.info(f"login attempt {body.username} / {body.password}")  # want: FA215
    logging.debug("password=%s", body.password)  # want: FA215
    print("pw:", body.password)  # want: FA215
    return {"ok": True}


@router.post("/token")
def token(body: LoginRequest):
    access_token = create_access_token(body.username)
    audit.info("issued token %s", access_token)  # want: FA215
    msg = "user " + body.username + " logged in with " + body.password
    audit.warning(msg)  # want: FA215
    return {"access_token": access_token}


def startup():
    logger.debug("secret key is {}".format(settings.SECRET_KEY))  # want: FA215
    logging.getLogger("x").error(str(settings.api_key))  # want: FA215


class Client:
    def __init__(self, api_token: str):
        self.logger = logging.getLogger("client")
        self.api_token = api_token

    def call(self):
        self.logger.info({"api_token": self.api_token})  # want: FA215


def create_access_token(sub: str) -> str:
    return sub
