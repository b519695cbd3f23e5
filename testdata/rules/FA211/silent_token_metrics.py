from typing import Optional

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class StreamMetrics(BaseModel):
    time_to_first_token: Optional[float] = None
    ms_per_token: float = 0.0
    max_token: int = 4096


class ChatSession(BaseModel):
    session_id: str
    title: str
    metrics: StreamMetrics
    next_page_token: Optional[str] = None


class SessionEnvelope(BaseModel):
    code: int
    data: ChatSession


# Latency metrics and pagination cursors are named after tokens but are
# no credentials.
@app.get("/chat/sessions/{session_id}", response_model=SessionEnvelope)
async def get_chat_session(session_id: str):
    return {"code": 200, "data": {"session_id": session_id, "title": "t", "metrics": {}}}
