import hashlib
import hmac
import secrets

from fastapi import APIRouter, Response, UploadFile
from passlib.context import CryptContext

router = APIRouter()
pwd_context = CryptContext(schemes=["bcrypt", "md5_crypt"], deprecated="auto")
argon_context = CryptContext(schemes=["argon2"])
SECRET = b"server-side-key"


def get_password_hash(password: str) -> str:
    return pwd_context.hash(password)


def derive_key(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)


def etag(content: bytes) -> str:
    return hashlib.md5(content).hexdigest()


def cache_key(path: str, params: dict) -> str:
    return hashlib.sha256(f"{path}?{sorted(params.items())}".encode()).hexdigest()


async def checksum(file: UploadFile) -> str:
    h = hashlib.sha256()
    h.update(await file.read())
    return h.hexdigest()


def store_reset_token(token: str) -> str:
    # tokens are random: storing their hash is the right thing
    return hashlib.sha256(token.encode()).hexdigest()


def new_api_key() -> tuple[str, str]:
    key = secrets.token_urlsafe(32)
    return key, hashlib.sha256(key.encode()).hexdigest()


def sign(body: bytes) -> str:
    return hmac.new(SECRET, body, hashlib.sha256).hexdigest()


def hash_password_length(password: str) -> int:
    # not hashing the password itself
    return len(hashlib.sha256(b"constant").digest()) + len(password)


@router.get("/files/{name}")
def read_file(name: str, response: Response):
    response.headers["ETag"] = hashlib.sha1(name.encode()).hexdigest()
    return {"name": name}
