from app.main import app
from app import main
from app.notfastapi import bus


@app.on_event("startup")  # want: FA801
async def startup():
    pass


main.app.add_event_handler("shutdown", startup)  # want: FA801


@bus.on_event("startup")
async def silent():
    pass
