import httpx
from fastapi import APIRouter, Request

router = APIRouter()


@router.post("/forward")
async def forward(request: Request):
    # Forwarding the caller's Authorization header upstream is not authentication.
    headers = {"Authorization": request.headers.get("Authorization", "")}
    async with httpx.AsyncClient() as client:
        r = await client.post("https://upstream.example.com/api", headers=headers, content=await request.body())
    return r.json()
