import argparse
import os

import uvicorn
from fastapi import FastAPI

from app.core.config import settings

app = FastAPI(debug=settings.DEBUG)
other = FastAPI(debug=False)
env_debug = FastAPI(debug=os.getenv("DEBUG") == "1")


class Server:
    def run(self, reload=False):
        pass


Server().run(reload=True)


def serve():
    uvicorn.run("app.main:app", reload=settings.DEBUG)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--reload", action="store_true")
    args = parser.parse_args()
    uvicorn.run("app.main:app", reload=args.reload)
    # The __main__ block is the development entry point.
    uvicorn.run("app.main:app", reload=True, debug=True)

if settings.ENVIRONMENT == "development":
    dev_app = FastAPI(debug=True)
elif settings.LOCAL:
    dev_app = FastAPI(debug=True)


def run_dev():
    if settings.DEBUG:
        uvicorn.run("app.main:app", reload=True)
