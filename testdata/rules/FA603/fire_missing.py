import fastapi
from fastapi import FastAPI as App

from app.config import settings

app = App()  # want: FA603
titled = fastapi.FastAPI(title="Orders API")  # want: FA603
versioned = App(version=settings.VERSION, description="Orders")  # want: FA603


def create_app() -> App:
    application = App(debug=False)  # want: FA603
    return application
