from fastapi import FastAPI

from app.routers import admin, users

app = FastAPI(title="Shop", version="1.0.0")
app.include_router(users.router, prefix="/users")
app.include_router(admin.router, prefix="/admin", include_in_schema=False)


@app.get("/")
def root():
    """Say hello."""
    return {"hello": "world"}
