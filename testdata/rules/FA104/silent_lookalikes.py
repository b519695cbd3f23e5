import asyncio
import hashlib

import bcrypt
from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from passlib.context import CryptContext

router = APIRouter()

pwd_context = CryptContext(schemes=["bcrypt"], deprecated="auto")
cache = {}


def get_password_hash(password: str) -> str:
    return pwd_context.hash(password)


def hash_and_log(password: str) -> str:
    print("hashing")
    return pwd_context.hash(password)


# Plain def handlers run in a threadpool.
@router.post("/register")
def register(password: str):
    return {"hashed": pwd_context.hash(password), "b": bcrypt.hashpw(password.encode(), bcrypt.gensalt())}


@router.post("/register-async")
async def register_async(password: str):
    hashed = await run_in_threadpool(pwd_context.hash, password)
    again = await run_in_threadpool(lambda: get_password_hash(password))
    ok = await asyncio.to_thread(bcrypt.checkpw, password.encode(), hashed.encode())
    other = await asyncio.get_running_loop().run_in_executor(None, pwd_context.verify, password, hashed)
    return {"h": hashed, "a": again, "ok": ok, "o": other}


@router.get("/digest")
async def digest(data: str):
    # fast hashes are not password hashing
    sha = hashlib.sha256(data.encode()).hexdigest()
    salt = bcrypt.gensalt()
    key = cache.hash(data) if hasattr(cache, "hash") else None
    return {"sha": sha, "salt": salt, "key": key}


@router.get("/local")
async def local_shadow(password: str):
    pwd_context = FakeContext()
    return {"h": pwd_context.hash(password)}


class FakeContext:
    def hash(self, value: str) -> str:
        return value[::-1]
