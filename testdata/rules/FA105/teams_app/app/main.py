from fastapi import FastAPI

from .routers import teams

app = FastAPI()
app.include_router(teams.router, prefix="/api")
