import os

from fastapi import Depends, FastAPI, Header, HTTPException

API_KEY = os.environ["API_KEY"]


def verify_api_key(x_api_key: str = Header(...)):
    if x_api_key != API_KEY:
        raise HTTPException(status_code=401)


# App-level dependencies cover every route, including those declared on the app itself.
app = FastAPI(dependencies=[Depends(verify_api_key)])


@app.get("/status")
def status():
    return {}


@app.post("/tasks", status_code=201)
def create_task():
    return {}


@app.delete("/tasks/{task_id}", status_code=204)
def delete_task(task_id: int):
    return None
