from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from starlette.applications import Starlette

from app.config import settings

app = FastAPI(title="Orders API", version="1.2.0")
settings_app = FastAPI(**settings.fastapi_kwargs)
no_docs = FastAPI(openapi_url=None)
plain = Starlette()

later = FastAPI()
later.title = "Orders API"
later.version = settings.VERSION

custom = FastAPI()


def custom_openapi():
    return get_openapi(title="Orders API", version="1.0.0", routes=custom.routes)


custom.openapi = custom_openapi

# An internal sub-application mounted into the main one.
admin = FastAPI()
app.mount("/admin", admin)


def create_app() -> FastAPI:
    application = FastAPI(title=settings.PROJECT_NAME, version=settings.VERSION)
    v2 = FastAPI()
    application.mount("/v2", v2)
    return application
