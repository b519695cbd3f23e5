from fastapi import APIRouter, FastAPI
from fastapi import FastAPI as App

app = FastAPI()
router = APIRouter()
other = App(on_startup=[lambda: None])  # want: FA801


@app.on_event("startup")  # want: FA801
async def connect():
    pass


@app.on_event("shutdown")  # want: FA801
async def disconnect():
    pass


@router.on_event("startup")  # want: FA801
def warm_cache():
    pass


@app.router.on_event("startup")  # want: FA801
def via_router_attr():
    pass


async def close_pool():
    pass


app.add_event_handler("shutdown", close_pool)  # want: FA801


def create_app() -> FastAPI:
    application = FastAPI()

    @application.on_event("startup")  # want: FA801
    async def start():
        pass

    application.add_event_handler("startup", start)  # want: FA801
    return application


def register(api: FastAPI) -> None:
    api.add_event_handler("shutdown", close_pool)  # want: FA801


web = create_app()


@web.on_event("startup")  # want: FA801
async def from_factory():
    pass


legacy = APIRouter(
    on_shutdown=[close_pool],  # want: FA801
)
