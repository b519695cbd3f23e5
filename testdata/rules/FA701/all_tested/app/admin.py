from fastapi import FastAPI

admin_app = FastAPI()


@admin_app.get("/stats")
def stats():
    return {}
