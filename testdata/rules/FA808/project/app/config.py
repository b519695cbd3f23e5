from app.core.base import BaseConfig, PlainBase
from app.core import base


class Settings(BaseConfig):
    # Defaults of a BaseSettings subclass from another module: silent.
    DATABASE_URL: str = "postgresql://localhost/app"
    REDIS_PORT: int = 6379


class NestedSettings(base.BaseConfig):
    BROKER_URL: str = "amqp://localhost//"


class LegacyConfig(PlainBase):
    DATABASE_URL = "postgresql://localhost/legacy"  # want: FA808


class Unknown(SomethingUndefined):
    REDIS_URL = "redis://localhost"
