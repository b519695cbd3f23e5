import os
import smtplib
import socket
import sqlite3
import subprocess
from pathlib import Path
from typing import Optional
from subprocess import check_output

import psycopg2
import pymysql
import redis
from fastapi import APIRouter, UploadFile

router = APIRouter()
BASE_DIR = Path(__file__).resolve().parent
cache = redis.Redis(host="localhost")
StrictCache = redis.StrictRedis(host="localhost")


@router.post("/upload")
async def upload(file: UploadFile):
    data = await file.read()
    with open(f"/tmp/{file.filename}", "wb") as fh:  # want: FA102
        fh.write(data)
    return {"size": len(data)}


async def paths(report: Path):
    Path("config.json").read_text()  # want: FA102
    p = Path("/tmp") / "out.bin"
    p.write_bytes(b"x")  # want: FA102
    (BASE_DIR / "templates" / "mail.html").read_text()  # want: FA102
    report.write_text("done")  # want: FA102
    BASE_DIR.joinpath("a").read_bytes()  # want: FA102


async def processes(name: str):
    subprocess.run(["convert", name, "out.png"], check=True)  # want: FA102
    subprocess.call(["ls"])  # want: FA102
    subprocess.check_call(["ls"])  # want: FA102
    check_output(["git", "rev-parse", "HEAD"])  # want: FA102
    proc = subprocess.Popen(["sleep", "1"])  # want: FA102
    os.system("sync")  # want: FA102
    return proc


async def sockets(host: str):
    conn = socket.create_connection((host, 80))  # want: FA102
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect((host, 80))  # want: FA102
    s.sendall(b"ping")  # want: FA102
    return conn


async def drivers():
    conn = sqlite3.connect("app.db")  # want: FA102
    conn.execute("SELECT 1")  # want: FA102
    cur = conn.cursor()
    cur.execute("SELECT * FROM users")  # want: FA102
    conn.commit()  # want: FA102
    pg = psycopg2.connect("dbname=app")  # want: FA102
    with pg.cursor() as c:
        c.execute("SELECT 1")  # want: FA102
    my = pymysql.connect(host="db")  # want: FA102
    my.cursor().executemany("INSERT INTO t VALUES (%s)", [(1,), (2,)])  # want: FA102
    my.rollback()  # want: FA102


async def cached(key: str):
    value = cache.get(key)  # want: FA102
    cache.set(key, "1", ex=60)  # want: FA102
    StrictCache.incr("hits")  # want: FA102
    pipe = cache.pipeline()
    return value, pipe


async def mail(to: str):
    with smtplib.SMTP("localhost", 25) as server:  # want: FA102
        server.sendmail("noreply@example.com", [to], "hi")
    smtplib.SMTP_SSL("smtp.example.com")  # want: FA102


async def optional_paths(p: Optional[Path], q: Path | None):
    p.read_text()  # want: FA102
    q.write_bytes(b"")  # want: FA102
