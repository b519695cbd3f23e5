from typing import Annotated

import fastapi
from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter()


class SessionClaims(BaseModel):
    subject: str
    role: str
    session_id: str


class PasswordChange(BaseModel):
    current_password: str
    new_password: str


def read_claims() -> SessionClaims:
    return SessionClaims(subject="u1", role="member", session_id="s1")


# The claims come from a dependency spelled through the module object (or an
# import done at call time); FastAPI never reads them from the body.
@router.post("/me/password")
async def change_password(
    body: PasswordChange,
    claims: Annotated[SessionClaims, __import__("fastapi").Depends(read_claims)],
):
    return {"session": claims.session_id}


@router.put("/me/session")
async def refresh_session(claims: SessionClaims = fastapi.Depends(read_claims)):
    return {"session": claims.session_id}


def current_user_dependency():
    """Wraps Depends so handlers say which dependency they need."""
    return fastapi.Depends(read_claims)


# An Annotated marker built by a project helper returns Depends(...): the
# parameter is a dependency's result, not a body the client sends.
@router.post("/me/notes")
async def add_note(
    body: PasswordChange,
    claims: Annotated[SessionClaims, current_user_dependency()],
):
    return {"session": claims.session_id}


# Still a body: FastAPI's own markers say where the value comes from.
@router.post("/sessions")
async def open_session(claims: Annotated[SessionClaims, fastapi.Body(embed=True)]):  # want: FA222
    return {"session": claims.session_id}
