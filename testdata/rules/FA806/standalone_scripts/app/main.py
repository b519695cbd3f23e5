from fastapi import FastAPI

from app.settings import settings
from tools.report import summarize

app = FastAPI(title="Inventory", version="1.0")


@app.get("/summary")
def get_summary():
    return summarize(settings.warehouse)
