from typing import Annotated

from fastapi import Depends, Path
from fastapi.security import HTTPBearer

bearer = HTTPBearer()


def get_org(org_id: int, token=Depends(bearer)):
    return {"org": org_id}


def get_project(project_id: int, org=Depends(get_org)):
    return {"project": project_id, "org": org}


class MemberLoader:
    def __init__(self, member_id: int = Path()):
        self.member_id = member_id


ProjectDep = Annotated[dict, Depends(get_project)]
OrgDep = Annotated[dict, Depends(get_org)]
