from fastapi import Depends, FastAPI

from .auth import verify_api_key
from .routers import admin, reports

app = FastAPI(dependencies=[Depends(verify_api_key)])
app.include_router(reports.router, prefix="/reports")
app.include_router(admin.router, prefix="/admin")


@app.post("/jobs", status_code=202)
def start_job():
    return {"started": True}
