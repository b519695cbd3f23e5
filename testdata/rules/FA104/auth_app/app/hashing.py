from app.security import pwd_context


def make_hash(password: str) -> str:
    return pwd_context.hash(password)
