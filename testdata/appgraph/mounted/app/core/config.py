from pydantic_settings import BaseSettings

API_PREFIX = "/api"


class Settings(BaseSettings):
    API_V1_STR: str = "/v1"
    PROJECT_NAME: str = "shop"


settings = Settings()
