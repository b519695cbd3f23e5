from pydantic import BaseModel

from app.base import CommonSettings


class Settings(CommonSettings):
    secret_key: str = "dev-secret-key"  # want: FA202
    project_name: str = "demo"


class Payload(BaseModel):
    secret_key: str = "example-secret"
