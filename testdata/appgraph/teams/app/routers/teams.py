from fastapi import APIRouter, Depends

from ..deps import CurrentUser, get_current_user

router = APIRouter(dependencies=[Depends(get_current_user)])


@router.get("/")
async def list_teams():
    return []


@router.post("/{team_id}/members", status_code=201)
async def add_member(team_id: int, user: CurrentUser):
    return {}


@router.api_route("/{team_id}", methods=["put", "patch"])
async def update_team(team_id: int):
    return {}
