import asyncio
import os
import subprocess
from subprocess import check_output as run_out

from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter()


class Job(BaseModel):
    path: str


@router.post("/ping")
def ping(host: str):
    out = subprocess.check_output(f"ping -c 1 {host}", shell=True)  # want: FA221
    return {"out": out.decode()}


@router.post("/archive")
def archive(job: Job):
    cmd = "tar czf /tmp/out.tgz " + job.path
    os.system(cmd)  # want: FA221
    return {"ok": True}


@router.get("/grep")
def grep(pattern: str):
    return os.popen("grep -r %s /srv/data" % pattern).read()  # want: FA221


@router.get("/du")
async def du(folder: str):
    proc = await asyncio.create_subprocess_shell("du -sh {}".format(folder))  # want: FA221
    await proc.wait()


@router.get("/alias")
def alias(name: str):
    return run_out("whois " + name, shell=True)  # want: FA221


def convert(src: str, dst: str):
    subprocess.run(  # want: FA221
        f"convert {src} {dst}",  # the finding is on the call line
        shell=True,
    )


def convert2(src: str):
    subprocess.Popen(["sh -c 'cat " + src + "'"], shell=True)  # want: FA221
