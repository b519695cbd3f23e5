from fastapi import APIRouter

router = APIRouter()


@router.get("/")
def list_reports():
    return []


@router.post("/", status_code=201)
def create_report():
    return {}


@router.delete("/{report_id}", status_code=204)
def delete_report(report_id: int):
    return None
