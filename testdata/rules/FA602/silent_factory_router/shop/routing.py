from fastapi import APIRouter as _APIRouter


def make_router_class(route_class):
    class Router(_APIRouter):
        def __init__(self, **kwargs):
            super().__init__(route_class=route_class, **kwargs)

    return Router


APIRouter = make_router_class(None)
