from fastapi import FastAPI

from app.routers import admin, users

app = FastAPI()
app.include_router(users.router)
app.include_router(admin.router)
