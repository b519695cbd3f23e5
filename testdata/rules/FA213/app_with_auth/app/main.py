from fastapi import Depends, FastAPI

from .deps import get_current_active_user
from .routers import auth, health, items, notes, orders, webhooks

app = FastAPI(title="shop")

app.include_router(auth.router, prefix="/auth", tags=["auth"])
app.include_router(items.router)
app.include_router(orders.router, prefix="/orders", dependencies=[Depends(get_current_active_user)])
app.include_router(notes.router, prefix="/notes")
app.include_router(webhooks.router, prefix="/webhooks")
app.include_router(health.router)
