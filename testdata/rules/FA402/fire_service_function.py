from fastapi import APIRouter

from app.organization.service import create
from .service import insert_audit_entry

router = APIRouter()


@router.post("")  # want: FA402
def create_organization(db_session: DbSession, organization_in: OrganizationCreate):
    """Create a new organization."""
    return create(db_session=db_session, organization_in=organization_in)


@router.post("/audit")  # want: FA402
async def audit(entry: AuditIn):
    return await insert_audit_entry(entry)
