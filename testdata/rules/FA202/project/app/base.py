from pydantic_settings import BaseSettings


class CommonSettings(BaseSettings):
    debug: bool = False
