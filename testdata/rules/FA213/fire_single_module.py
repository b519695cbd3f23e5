from fastapi import Depends, FastAPI, HTTPException, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

app = FastAPI()
bearer = HTTPBearer()
api_key_header = APIKeyHeader(name="X-API-Key")


def current_user(credentials: HTTPAuthorizationCredentials = Depends(bearer)):
    return credentials.credentials


def service_key(key: str = Security(api_key_header)):
    return key


@app.get("/projects")
def list_projects(user=Depends(current_user)):
    return []


@app.post("/projects", status_code=201)
def create_project(user=Depends(current_user)):
    return {}


@app.post("/sync")
def sync(key=Depends(service_key)):
    return {}


@app.put("/projects/{project_id}")  # want: FA213
def update_project(project_id: int):
    return {}


@app.patch("/projects/{project_id}/members")  # want: FA213
def add_member(project_id: int, email: str):
    return {}


@app.delete("/projects/{project_id}", status_code=204)  # want: FA213
async def delete_project(project_id: int):
    return None


@app.post("/payments/webhook")  # want: FA213
async def payment_webhook(payload: dict):
    # A webhook that neither authenticates nor verifies a signature.
    return {"ok": True}


@app.get("/projects/{project_id}")
def get_project(project_id: int):
    # Reads are not this rule's business.
    return {}
