from fastapi import APIRouter as BaseRouter

from shop.routing import AdminRouter


class AuditRouter(BaseRouter):
    pass


router = AdminRouter(prefix="/admin")
audit = AuditRouter(prefix="/audit")


@router.post("/reindex")
async def reindex():
    return {"ok": True}


@audit.get("/log")
async def audit_log():
    return []
