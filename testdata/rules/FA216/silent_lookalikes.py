import re
import os
import shutil
from pathlib import Path
from uuid import uuid4

from fastapi import APIRouter, HTTPException, UploadFile
from fastapi.responses import FileResponse
from werkzeug.utils import secure_filename

router = APIRouter()

UPLOAD_DIR = Path("/srv/uploads")
ALLOWED = {"report.pdf", "logo.png"}


@router.post("/upload")
async def upload(file: UploadFile):
    name = f"{uuid4().hex}{Path(file.filename).suffix}"
    with open(UPLOAD_DIR / name, "wb") as out:
        out.write(await file.read())


@router.post("/upload2")
async def upload2(file: UploadFile):
    safe = secure_filename(file.filename)
    with open(os.path.join(UPLOAD_DIR, safe), "wb") as out:
        shutil.copyfileobj(file.file, out)


@router.post("/upload3")
async def upload3(file: UploadFile):
    with open(UPLOAD_DIR / Path(file.filename).name, "wb") as out:
        out.write(await file.read())
    with open(UPLOAD_DIR / os.path.basename(file.filename), "wb") as out:
        out.write(await file.read())
    return {"filename": file.filename, "size": file.size}


@router.get("/files/{name}")
def download(name: str):
    if name not in ALLOWED:
        raise HTTPException(status_code=404)
    return FileResponse(UPLOAD_DIR / name)


@router.get("/files2/{name}")
def download2(name: str):
    path = (UPLOAD_DIR / name).resolve()
    if not path.is_relative_to(UPLOAD_DIR):
        raise HTTPException(status_code=404)
    return FileResponse(path)


@router.get("/files3/{file_id}")
def by_id(file_id: int):
    return FileResponse(UPLOAD_DIR / f"{file_id}.pdf")


@router.get("/static")
def static():
    return FileResponse(os.path.join(UPLOAD_DIR, "index.html"))


@router.post("/plugin")
async def plugin(file: UploadFile, total: float, factor: str):
    plugin_name = re.match(r"^([a-zA-Z0-9_]+)", file.filename).group()
    base_value = total * 2
    ratio = base_value / float(factor)
    return FileResponse(UPLOAD_DIR / plugin_name), ratio
