import logging

from fastapi import APIRouter
from pydantic import BaseModel

from app.config import settings

router = APIRouter()
logger = logging.getLogger(__name__)


class LoginRequest(BaseModel):
    username: str
    password: str


@router.post("/login")
def login(body: LoginRequest, token: str | None = None):
    logger.info("login attempt for %s", body.username)
    logger.info("password provided: %s", bool(body.password))
    logger.info("password length: %d", len(body.password))
    logger.debug(f"token missing: {token is None}")
    logger.info("token prefix %s...", token[:4])
    logger.info(f"token {token[-4:]}")
    logger.info("Password reset requested for %s", body.username)
    logger.warning("invalid token for user %s", body.username)
    print(f"hashed: {get_user().hashed_password}")
    logger.info("token type %s, expires %s", settings.token_type, settings.token_expires)
    logger.info("%s", verify_password(body.password))
    return {"ok": True}


def get_user():
    return None


def verify_password(pw: str) -> bool:
    return bool(pw)


class Report:
    def log(self, password: str):
        # not a logger: a domain object with a log method
        self.history.log(password)
