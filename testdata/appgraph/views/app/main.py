from fastapi import FastAPI

from app.admin import router

app = FastAPI(title="Views", version="1.0")
app.include_router(router)
