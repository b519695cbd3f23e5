from fastapi import FastAPI

app = FastAPI(title="Tiny", version="1.0.0")


@app.get("/")
def root():
    return {}


@app.get("/items")
def list_items():
    return []


@app.get("/health", include_in_schema=False)
def health():
    return {}


@app.websocket("/ws")
async def ws(websocket):
    await websocket.accept()
