import asyncio

from fastapi import APIRouter
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..db import Member, Team
from ..deps import SessionDep
from ..services import audit

router = APIRouter()
background_tasks = set()


@router.post("/", status_code=201)
async def create_team(name: str, session: SessionDep):
    team = Team(name=name)
    session.add(team)
    session.commit()  # want: FA103
    audit.record("team created")  # want: FA103
    audit.record_sync("team created")
    await session.refresh(team)
    return {"id": team.id}


@router.get("/")
async def list_teams(session: SessionDep):
    result = await session.execute(select(Team))
    names = []
    for team in result.scalars():
        names.append([m.id for m in team.members])  # want: FA302
    return names


@router.get("/eager")
async def list_teams_eager(session: SessionDep):
    result = await session.execute(select(Team).options(selectinload(Team.members)))
    return [[m.id for m in t.members] for t in result.scalars()]


@router.post("/{team_id}/sync", status_code=202)
async def sync_team(team_id: int, session: SessionDep):
    asyncio.create_task(audit.record(f"sync {team_id}"))  # want: FA107
    task = asyncio.create_task(audit.record("kept"))
    background_tasks.add(task)
    task.add_done_callback(background_tasks.discard)
    await audit.record("awaited")
    return {"queued": True}
