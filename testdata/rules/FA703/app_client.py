import httpx
import requests

from app.main import app


def make_client():
    # Outside tests too: the keyword is gone in httpx 0.28.
    return httpx.AsyncClient(app=app, base_url="http://test")  # want: FA703


def ping_local():
    # Not a test file: a live call here is the application's business.
    return requests.get("http://localhost:8000/health", timeout=5)
