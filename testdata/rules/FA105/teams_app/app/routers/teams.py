import asyncio
from functools import partial
from pathlib import Path

import requests
from fastapi import APIRouter, BackgroundTasks, Depends
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from app import services
from app.database import get_db
from app.services import notify_team_created, team_banner
from app.services.audit import count_members, get_team_or_404, queue_event, record_event
from app.services.files import Archive, Mailer, iter_export, opened
from app.services.notify import deferred_notice, dispatch, notify_channel
from app.services.slack import send_slack, slack_client
from app.services.tree import even, ping, walk

router = APIRouter(prefix="/teams")


def write_report(path: str, text: str) -> None:
    Path(path).write_text(text)


def audit_then_report(name: str) -> None:
    record_event(name)
    write_report("/tmp/report.txt", name)


class TeamService:
    def __init__(self, db: Session):
        self.db = db

    def load(self, team_id: int):
        return self.db.get(dict, team_id)

    def refresh_cache(self) -> None:
        self.warm()

    def warm(self) -> None:
        requests.get("https://cache.internal/warm", timeout=2)

    async def create(self, name: str) -> dict:
        self.refresh_cache()  # want: FA105
        return {"name": name}


# --- firing -------------------------------------------------------------------


@router.post("/")
async def create_team(payload: dict):
    team = {"name": payload["name"]}
    notify_team_created(team)  # want: FA105
    return team


@router.post("/direct")
async def create_team_direct(payload: dict):
    send_slack(payload["name"])  # want: FA105
    services.notify_team_created(payload)  # want: FA105
    return payload


@router.get("/{team_id}")
async def read_team(team_id: int, db: Session = Depends(get_db)):
    team = get_team_or_404(team_id, db)  # want: FA105
    members = count_members(db, team_id)  # want: FA105
    return {"team": team, "members": members}


@router.post("/{team_id}/events")
async def add_event(team_id: int, name: str):
    audit_then_report(name)  # want: FA105
    write_report("/tmp/x", name)  # want: FA105
    return {"ok": True}


@router.post("/ping")
async def ping_pong(n: int):
    ping(n)  # want: FA105
    return {"n": n}


@router.get("/archive")
async def archive_index(root: str):
    archive = Archive(root)  # want: FA105
    return archive.describe()


@router.post("/announce")
async def announce(text: str):
    slack_client.post_message(text)  # want: FA105
    return {"url": slack_client.channel_url("general")}


# --- silent -------------------------------------------------------------------


@router.post("/offloaded")
async def create_team_offloaded(payload: dict):
    await run_in_threadpool(notify_team_created, payload)
    await asyncio.to_thread(notify_team_created, payload)
    await run_in_threadpool(lambda: notify_team_created(payload))
    await asyncio.get_running_loop().run_in_executor(None, partial(send_slack, "x"))
    return payload


@router.post("/background")
async def create_team_background(payload: dict, background_tasks: BackgroundTasks):
    background_tasks.add_task(notify_team_created, payload)
    background_tasks.add_task(record_event, "created")
    return payload


@router.post("/sync")
def create_team_sync(payload: dict, db: Session = Depends(get_db)):
    # A plain def handler runs in the threadpool.
    notify_team_created(payload)
    get_team_or_404(1, db)
    return payload


@router.get("/cpu")
async def cpu_only(payload: dict):
    banner = team_banner(payload)
    size = walk(payload)
    parity = even(size)
    queue_event("viewed")
    Mailer("smtp.internal")
    return {"banner": banner, "size": size, "parity": parity}


@router.get("/unseen")
async def unseen_branches(payload: dict):
    job = deferred_notice(payload)
    dispatch(print, payload)
    notify_channel("slack", payload)
    return {"job": str(job)}


@router.get("/export")
async def export(path: str):
    return StreamingResponse(iter_export(path))


@router.get("/direct-blocking")
async def direct_blocking():
    # FA102's business, not FA105's.
    requests.get("https://example.com", timeout=5)
    return {}


def sync_helper_calling_helper(payload: dict) -> None:
    # Sync callers are not roots.
    notify_team_created(payload)
