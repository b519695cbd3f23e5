from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool

from app import security
from app.hashing import make_hash
from app.security import get_password_hash, hash_with_audit, not_a_context, pwd_context, verify_password

router = APIRouter()


@router.post("/users")
async def create_user(password: str):
    hashed = pwd_context.hash(password)  # want: FA104
    also = get_password_hash(password)  # want: FA104
    third = security.pwd_context.hash(password)  # want: FA104
    fourth = make_hash(password)  # want: FA104
    return {"h": hashed, "a": also, "t": third, "f": fourth}


@router.post("/login")
async def login(password: str, hashed: str):
    if security.verify_password(password, hashed):  # want: FA104
        return {"ok": True}
    return {"ok": verify_password(password, hashed)}  # want: FA104


@router.post("/quiet")
async def quiet(password: str, hashed: str):
    a = await run_in_threadpool(pwd_context.hash, password)
    b = await run_in_threadpool(get_password_hash, password)
    c = hash_with_audit(password)
    d = not_a_context.get(password)
    return {"a": a, "b": b, "c": c, "d": d}


@router.post("/sync")
def sync_login(password: str, hashed: str):
    return {"ok": verify_password(password, hashed), "h": pwd_context.hash(password)}
