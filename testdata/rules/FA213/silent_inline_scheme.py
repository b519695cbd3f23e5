import os

import jwt
from fastapi import APIRouter, Depends, FastAPI, UploadFile
from fastapi.security import APIKeyHeader, HTTPBearer, OAuth2PasswordBearer

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
SECRET = os.environ["SECRET"]


def get_current_user(token: str = Depends(oauth2_scheme)) -> dict:
    return jwt.decode(token, SECRET, algorithms=["HS256"])


@app.post("/notes", status_code=201)
def create_note(user: dict = Depends(get_current_user)):
    return {}


# A scheme instance written inline in the decorator is authentication too.
@app.post("/documents/convert", dependencies=[Depends(HTTPBearer())])
async def convert_document(upload: UploadFile):
    return {}


@app.delete("/documents/{document_id}", status_code=204)
def delete_document(document_id: int, api_key: str = Depends(APIKeyHeader(name="X-API-Key"))):
    return None


# ... and on the router.
reports = APIRouter(prefix="/reports", dependencies=[Depends(HTTPBearer(auto_error=True))])


@reports.put("/{report_id}")
def replace_report(report_id: int):
    return {}


app.include_router(reports)
