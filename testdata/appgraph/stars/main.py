from fastapi import FastAPI

from api.v1 import router

app = FastAPI(title="Stars", version="1.0")
app.include_router(router)
