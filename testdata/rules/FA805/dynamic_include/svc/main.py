# Routers are loaded by name: the analysis cannot tell which ones the app
# includes, and the probe router sits next to the app, unmounted in its graph.
import importlib

from fastapi import FastAPI

app = FastAPI(title="Shop", version="2.0")

for name in ("probes", "orders"):
    app.include_router(importlib.import_module(f"svc.api.{name}").router)


@app.get("/")
def index():
    return {"service": "shop"}
