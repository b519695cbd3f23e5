import os
import shlex
import subprocess

from fastapi import APIRouter

from app.config import settings

router = APIRouter()

BACKUP_CMD = "pg_dump mydb > /tmp/backup.sql"


@router.post("/ping")
def ping(host: str):
    # argument list, no shell: the value is one argument
    out = subprocess.check_output(["ping", "-c", "1", host])
    subprocess.run(["ls", "-l", host], shell=False)
    return {"out": out.decode()}


@router.post("/quoted")
def quoted(host: str, count: int):
    subprocess.run(f"ping -c {count} {shlex.quote(host)}", shell=True)
    subprocess.run("ping -c 1 " + shlex.quote(host), shell=True)


@router.post("/backup")
def backup():
    os.system("uptime")
    os.system(BACKUP_CMD)
    cmd = "df -h"
    subprocess.run(cmd, shell=True)
    subprocess.run(settings.BACKUP_CMD, shell=True)
    subprocess.call(f"echo {BACKUP_CMD}", shell=True)
    return os.popen("whoami").read()


def not_subprocess(system, host: str):
    system(host)
    subprocess.run(host)  # no shell: the whole value is the program name
