from fastapi import APIRouter, Depends
from fastapi_utils.cbv import cbv

from app.base import BaseController
from app.deps import get_admin

router = APIRouter(prefix="/admin")


@cbv(router)
class AdminController(BaseController):
    user: dict = Depends(get_admin)  # replaces the base's plain user

    @router.post("/reindex")
    def reindex(self):
        """Rebuild the search index."""
        return {"ok": True}
