import base64

from passlib.context import CryptContext

pwd_context = CryptContext(schemes=["bcrypt"], deprecated="auto")


def get_password_hash(password: str) -> str:
    return pwd_context.hash(password)


def hash_password(password: str) -> str:
    # a wrapper of a wrapper
    return get_password_hash(password)


def fake_hash_password(password: str) -> str:
    return "fakehashed" + password


def encode_password(password: str) -> str:
    return base64.b64encode(password.encode()).decode()
