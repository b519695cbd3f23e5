from fastapi import FastAPI

app = FastAPI(title="Snippet", version="0.1.0")


@app.get("/")
def root():
    return {}
