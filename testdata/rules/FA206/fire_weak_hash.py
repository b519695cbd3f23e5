import hashlib
from hashlib import md5 as fast_md5

from fastapi import APIRouter
from passlib.context import CryptContext
from passlib.hash import md5_crypt
from pydantic import BaseModel
from werkzeug.security import generate_password_hash

router = APIRouter()
pwd_context = CryptContext(schemes=["md5_crypt"])  # want: FA206
plain_context = CryptContext(schemes=["plaintext", "bcrypt"], deprecated="auto")  # want: FA206
LDAP_SCHEMES = ["ldap_salted_sha1"]
ldap_context = CryptContext(schemes=LDAP_SCHEMES)  # want: FA206
SALT = "s4lt"


class UserCreate(BaseModel):
    email: str
    password: str


def hash_password(password: str) -> str:
    return hashlib.sha256(password.encode()).hexdigest()  # want: FA206


def get_password_hash(p: str) -> str:
    return fast_md5(p.encode("utf-8")).hexdigest()  # want: FA206


def verify_password(plain: str, hashed: str) -> bool:
    return hashlib.sha1(plain.encode()).hexdigest() == hashed  # want: FA206


@router.post("/users")
def create_user(body: UserCreate):
    salted = f"{SALT}{body.password}"
    digest = hashlib.sha512(salted.encode()).hexdigest()  # want: FA206
    legacy = hashlib.new("md5", body.password.encode()).hexdigest()  # want: FA206
    h = hashlib.blake2b()
    h.update(body.password.encode())  # want: FA206
    crypt = md5_crypt.hash(body.password)  # want: FA206
    w = generate_password_hash(body.password, method="md5")  # want: FA206
    return {"digest": digest, "legacy": legacy, "h": h.hexdigest(), "crypt": crypt, "w": w}


def store(user: dict) -> str:
    pw = user["password"]
    return hashlib.sha256((pw + SALT).encode()).hexdigest()  # want: FA206
