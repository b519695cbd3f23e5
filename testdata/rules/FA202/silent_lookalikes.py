import os
import secrets
import sys

from pydantic import BaseModel, SecretStr
from pydantic_settings import BaseSettings

LOG_LEVEL = os.getenv("LOG_LEVEL", "info")
PORT = int(os.getenv("PORT", "8000"))
SECRET_KEY_FILE = os.getenv("SECRET_KEY_FILE", "/run/secrets/key")
JWT_ALGORITHM = os.getenv("JWT_ALGORITHM", "HS256")
SECRET_KEY = os.getenv("SECRET_KEY")
JWT_SECRET = os.environ["JWT_SECRET"]
DB_PASSWORD = os.getenv("DB_PASSWORD", None)
EMPTY_PASSWORD = os.getenv("SMTP_PASSWORD", "")
PRIVATE_KEY = os.getenv("PRIVATE_KEY", "keys/private.pem")
OPENAI_API_KEY = os.getenv("OPENAI_API_KEY", "your-api-key-here")
GENERATED = os.getenv("SESSION_SECRET") or secrets.token_urlsafe(32)

# the app refuses to start with the placeholder
APP_SECRET = os.getenv("APP_SECRET", "changeme")
if APP_SECRET == "changeme":
    raise RuntimeError("set APP_SECRET")

ADMIN_PASSWORD = os.getenv("ADMIN_PASSWORD", "admin")
if ADMIN_PASSWORD in ("admin", ""):
    sys.exit("set ADMIN_PASSWORD")


class Settings(BaseSettings):
    secret_key: SecretStr
    jwt_secret: str = secrets.token_urlsafe(32)
    postgres_password: str = ""
    log_level: str = "info"
    first_superuser_password: str = "changethis"

    def _check_default_secret(self, var_name: str, value: str) -> None:
        if value == "changethis":
            if self.environment == "local":
                print("warning")
            else:
                raise ValueError(f"The value of {var_name} is 'changethis'")


class LoginExample(BaseModel):
    # a request model, not settings: documentation values
    password: str = "string"
    api_key: str = "example"


class PlainConfig:
    token_type = "bearer"
