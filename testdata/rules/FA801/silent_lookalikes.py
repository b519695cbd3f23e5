import contextlib
from contextlib import asynccontextmanager

from fastapi import FastAPI


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield


app = FastAPI(lifespan=lifespan, on_startup=None)


class EventBus:
    def on_event(self, name):
        def deco(fn):
            return fn
        return deco

    def add_event_handler(self, name, fn):
        pass


bus = EventBus()


@bus.on_event("startup")
def not_fastapi():
    pass


bus.add_event_handler("startup", not_fastapi)


def wire(emitter):
    # Unknown receiver: stay silent.
    emitter.add_event_handler("startup", not_fastapi)

    @emitter.on_event("startup")
    def handler():
        pass


def shadowed():
    app = EventBus()

    @app.on_event("startup")
    def local():
        pass


class MyApp(FastAPI):
    def __init__(self, on_startup=None, **kwargs):
        super().__init__(on_startup=on_startup, **kwargs)


empty_hooks = FastAPI(on_startup=[], on_shutdown=None)
