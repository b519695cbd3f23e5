from fastapi import Depends, FastAPI

from .routers import admin, auth, billing, notes, profile
from .security import get_current_user

app = FastAPI(title="Notes", version="1.0")
app.include_router(auth.router, prefix="/auth")
app.include_router(notes.router, prefix="/notes")
app.include_router(profile.router, prefix="/profile")
app.include_router(billing.router, prefix="/billing", dependencies=[Depends(get_current_user)])
app.include_router(admin.router, prefix="/admin")
