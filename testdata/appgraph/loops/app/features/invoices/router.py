from fastapi import APIRouter

router = APIRouter(prefix="/invoices")


@router.get("/")
async def list_invoices():
    """List the invoices."""
    return []
