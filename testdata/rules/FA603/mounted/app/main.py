from fastapi import FastAPI

from app.legacy import legacy_app
from app.reports import reports_app

app = FastAPI(title="Shop", version="1.0.0")
app.mount("/legacy", legacy_app)


@app.get("/")
def root():
    return {}
