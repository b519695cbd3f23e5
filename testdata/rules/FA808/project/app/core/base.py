from pydantic_settings import BaseSettings


class BaseConfig(BaseSettings):
    pass


class PlainBase:
    pass
