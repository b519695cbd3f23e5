from fastapi import APIRouter, WebSocket

router = APIRouter()


@router.websocket("/ws")
async def ws(websocket: WebSocket):
    await websocket.accept()


@router.websocket("/ws/admin")  # want: FA701
async def ws_admin(websocket: WebSocket):
    await websocket.accept()
