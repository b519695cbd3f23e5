from typing import Annotated

from fastapi import Depends

from app.deps import get_db, get_user


class BaseController:
    """Dependencies every controller shares (fastapi-utils' @cbv pattern)."""

    db: Annotated[object, Depends(get_db)]
    user: dict = Depends(get_user)
