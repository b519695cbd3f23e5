from jose import jwt

from app.config import SECRET_KEY

API_TOKEN = "cross-module-token"  # want: FA201


def token_for(data: dict) -> str:
    return jwt.encode(data, SECRET_KEY, algorithm="HS256")
