import hashlib

import bcrypt
from argon2 import PasswordHasher
from fastapi import APIRouter
from passlib.context import CryptContext
from passlib.hash import bcrypt as passlib_bcrypt

router = APIRouter()

pwd_context = CryptContext(schemes=["bcrypt"], deprecated="auto")
ph = PasswordHasher()


def get_password_hash(password: str) -> str:
    """Hash a password."""
    return pwd_context.hash(password)


def verify_password(plain: str, hashed: str) -> bool:
    return pwd_context.verify(plain, hashed)


@router.post("/register")
async def register(password: str):
    hashed = get_password_hash(password)  # want: FA104
    return {"hashed": hashed}


@router.post("/login")
async def login(password: str, stored: str):
    if not verify_password(password, stored):  # want: FA104
        return {"ok": False}
    return {"ok": pwd_context.verify(password, stored)}  # want: FA104


@router.post("/bcrypt")
async def raw_bcrypt(password: str):
    salt = bcrypt.gensalt()
    hashed = bcrypt.hashpw(password.encode(), salt)  # want: FA104
    ok = bcrypt.checkpw(password.encode(), hashed)  # want: FA104
    return {"ok": ok}


@router.post("/argon")
async def argon(password: str):
    h = ph.hash(password)  # want: FA104
    PasswordHasher().verify(h, password)  # want: FA104
    return {"h": h}


@router.post("/pbkdf2")
async def derive(password: str, salt: bytes):
    key = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)  # want: FA104
    other = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)  # want: FA104
    return {"k": key.hex(), "o": other.hex()}


async def change_password(user, new_password: str):
    user.hashed_password = passlib_bcrypt.hash(new_password)  # want: FA104
    return CryptContext(schemes=["argon2"]).hash(new_password)  # want: FA104
