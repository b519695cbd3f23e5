from fastapi import FastAPI

from .routers import proxy, todos

app = FastAPI()
app.include_router(todos.router, prefix="/todos")
app.include_router(proxy.router, prefix="/proxy")
