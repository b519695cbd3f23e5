from fastapi import Depends, HTTPException


def get_current_user():
    return None


def require_admin(user=Depends(get_current_user)):
    if not user.is_superuser:
        raise HTTPException(status_code=403)
    return user
