from fastapi import FastAPI

from shop.api import admin, orders


def register_routers(app: FastAPI) -> None:
    app.include_router(admin.router)
    app.include_router(admin.audit)


def create_app() -> FastAPI:
    application = FastAPI(title="shop", version="1.0")
    application.include_router(orders.router, prefix="/v1")
    register_routers(application)

    @application.get("/health")
    async def health():
        return {"status": "ok"}

    return application


app = create_app()


# Routes added on the module-level name join the factory's application.
@app.get("/version")
async def version():
    return {"version": "1.0"}
