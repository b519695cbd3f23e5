API_PREFIX = "/api"


class Settings:
    api_v2 = "/v2"


settings = Settings()
