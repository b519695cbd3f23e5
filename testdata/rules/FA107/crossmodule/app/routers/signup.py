from typing import Annotated

from fastapi import APIRouter, BackgroundTasks

from app.services import email
from app.services.email import email_job, send_email, write_audit

router = APIRouter(prefix="/signup")


@router.post("/")
async def signup(address: str, background_tasks: BackgroundTasks):
    background_tasks.add_task(send_email(address, "welcome"))  # want: FA107
    background_tasks.add_task(email.send_email(address, "again"))  # want: FA107
    background_tasks.add_task(write_audit("signup"))  # want: FA107
    background_tasks.add_task(send_email, address, "welcome")
    background_tasks.add_task(email_job(address))
    return {"ok": True}


@router.post("/annotated")
def signup_sync(address: str, tasks: Annotated[BackgroundTasks, "bg"]):
    tasks.add_task(send_email(address, "welcome"))  # want: FA107
    tasks.add_task(write_audit, "signup")
    return {"ok": True}
