from fastapi import FastAPI

from app.routers import router

app = FastAPI(title="Shop", version="1.0.0")  # want: FA702
app.include_router(router)
