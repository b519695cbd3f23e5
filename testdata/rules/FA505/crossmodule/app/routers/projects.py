from typing import Annotated

from fastapi import APIRouter, Depends, Path

from app.deps import MemberLoader, OrgDep, ProjectDep, get_org

router = APIRouter(prefix="/projects")


@router.get("")  # want: FA505
async def list_projects():
    # Lists every organisation's projects: {org_id} of the include prefix is ignored.
    return []


@router.get("/mine")
async def list_my_projects(org: OrgDep):
    return [org]


@router.get("/{project_id}")
async def read_project(project: ProjectDep):
    return project


@router.get("/{project_id}/settings")
async def read_settings(org_id: Annotated[int, Path()], project_id: int):
    return {"org_id": org_id, "project_id": project_id}


@router.get("/{project_id}/owner")  # want: FA505
async def read_owner(project_id: int, owner_id: int = Path(), org=Depends(get_org)):
    return {"owner_id": owner_id}


@router.get("/{project_id}/members")  # want: FA505
async def list_members(project: ProjectDep, member=Depends(MemberLoader)):
    return member
