from fastapi import Depends, Header


async def get_user(authorization: str = Header()):
    return {"token": authorization}


async def get_admin(user=Depends(get_user)):
    return user


def get_db():
    yield object()
