import os
import shutil
from pathlib import Path

import aiofiles
from fastapi import APIRouter, UploadFile
from fastapi.responses import FileResponse
from pydantic import BaseModel

router = APIRouter()

UPLOAD_DIR = Path("/srv/uploads")


class Export(BaseModel):
    report_name: str


@router.post("/upload")
async def upload(file: UploadFile):
    with open(UPLOAD_DIR / file.filename, "wb") as out:  # want: FA216
        out.write(await file.read())


@router.post("/upload-many")
async def upload_many(files: list[UploadFile]):
    for f in files:
        dest = os.path.join("/srv/uploads", f.filename)  # want: FA216
        async with aiofiles.open(dest, "wb") as out:
            await out.write(await f.read())


@router.get("/files/{name}")
def download(name: str):
    return FileResponse(f"/srv/uploads/{name}")  # want: FA216


@router.get("/files2")
def download2(name: str):
    path = Path("/srv/uploads", name)  # want: FA216
    return FileResponse(path)


@router.post("/export")
def export(body: Export):
    shutil.copy("/srv/template.csv", "/srv/exports/" + body.report_name)  # want: FA216


@router.delete("/files/{name}")
def delete(name: str):
    target = UPLOAD_DIR / name  # want: FA216
    target.unlink()
