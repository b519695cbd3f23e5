from fastapi import Depends, FastAPI

from app.api import extra  # noqa: F401  (registers routes on projects.router)
from app.config import settings
from app.deps import get_org
from app.routers import admin, projects, versioned

app = FastAPI()
app.include_router(projects.router, prefix="/orgs/{org_id}")
app.include_router(admin.router, dependencies=[Depends(get_org)])
app.include_router(versioned.router, prefix=settings.api_v2)
