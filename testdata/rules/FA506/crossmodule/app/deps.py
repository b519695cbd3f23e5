from app.schemas.user import LoginIn


async def get_login(credentials: LoginIn):
    return credentials
