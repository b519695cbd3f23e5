from fastapi import APIRouter, Depends

from app import services
from app.database import AsyncSession, get_session
from app.services import notify_user
from app.services.notify import Notifier, log_event, notify, queued_notify, stream_events
import app.services.notify as notify_mod

router = APIRouter(prefix="/x")


@router.post("/{user_id}")
async def create(user_id: int, db=Depends(get_session)):
    db.commit()  # want: FA103
    notify(user_id, "created")  # want: FA103
    notify_user(user_id, "created")  # want: FA103
    notify_mod.notify(user_id, "again")  # want: FA103
    services.notify.notify(user_id, "once more")  # want: FA103
    pending = notify(user_id, "dropped")  # want: FA103
    log_event(user_id, "created")
    notify_mod.log_event(user_id, "created")
    stream_events()
    queued_notify(user_id)
    await notify(user_id, "awaited")
    await db.commit()
    return {"id": user_id}


@router.post("/{user_id}/send")
async def send(user_id: int, notifier: Notifier = Depends()):
    notifier.send("hello")  # want: FA103
    notifier.render("hello")
    await notifier.send("hello")
    return notify(user_id, "returned")


def sync_path(user_id: int):
    notify(user_id, "sync")  # want: FA103
    log_event(user_id, "sync")


@router.put("/{user_id}")
async def update(user_id: int, session: AsyncSession = Depends(get_session)):
    session.flush()  # want: FA103
    session.add(user_id)
    await session.commit()
