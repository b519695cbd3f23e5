from fastapi import FastAPI

from app import a, b

app = FastAPI()
app.include_router(a.router)
app.include_router(b.router)
