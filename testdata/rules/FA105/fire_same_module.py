import smtplib
import sqlite3
import subprocess
import time

import httpx
import redis
import requests
from fastapi import APIRouter

router = APIRouter()

cache = redis.Redis(host="localhost")
http = httpx.Client(timeout=5)


def send_mail(to: str, body: str) -> None:
    with smtplib.SMTP("smtp.internal") as smtp:
        smtp.sendmail("noreply@example.com", [to], body)


def render_pdf(path: str) -> None:
    subprocess.run(["wkhtmltopdf", path, path + ".pdf"], check=True)


def read_template(name: str) -> str:
    with open(f"templates/{name}.html") as f:
        return f.read()


def cached_profile(user_id: int):
    return cache.get(f"profile:{user_id}")


def fetch_rates() -> dict:
    return http.get("https://rates.example.com/latest").json()


def load_rows(path: str) -> list:
    conn = sqlite3.connect(path)
    cur = conn.cursor()
    cur.execute("SELECT * FROM t")
    return cur.fetchall()


def with_session() -> dict:
    s = requests.Session()
    return s.get("https://example.com").json()


def best_effort_ping() -> None:
    try:
        requests.head("https://status.example.com", timeout=1)
    except requests.RequestException:
        pass


def backoff(attempt: int) -> None:
    # Recursion: the blocking call is reached on the first level anyway.
    if attempt > 3:
        return
    time.sleep(2**attempt)
    backoff(attempt + 1)


def level3():
    render_pdf("/tmp/a")


def level2():
    level3()


def level1():
    level2()


class Repo:
    def reload(self):
        return read_template("repo")

    def sync(self):
        self.reload()


@router.post("/signup")
async def signup(email: str):
    send_mail(email, "welcome")  # want: FA105
    render_pdf("/tmp/welcome")  # want: FA105
    html = read_template("welcome")  # want: FA105
    profile = cached_profile(1)  # want: FA105
    rates = fetch_rates()  # want: FA105
    rows = load_rows("/tmp/db.sqlite")  # want: FA105
    data = with_session()  # want: FA105
    best_effort_ping()  # want: FA105
    backoff(0)  # want: FA105
    level1()  # want: FA105
    repo = Repo()
    repo.sync()  # want: FA105
    return {"html": html, "profile": profile, "rates": rates, "rows": rows, "data": data}


async def background_job():
    # Any async def, not only handlers.
    if True:
        level2()  # want: FA105
    total = [read_template(n) for n in ("a", "b")]  # want: FA105
    return total
