from fastapi import FastAPI

app = FastAPI(title="Internal", version="1.0.0", openapi_url=None)


@app.get("/items")
def list_items():
    return []
