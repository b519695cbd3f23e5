from fastapi import APIRouter

router = APIRouter()


@router.get("/orgs/{org_id}/audit")
async def read_audit():
    # {org_id} is read by the include-level dependency.
    return []
