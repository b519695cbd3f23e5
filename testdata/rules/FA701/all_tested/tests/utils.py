from fastapi.testclient import TestClient

from app.main import app

shared_client = TestClient(app, base_url="http://testserver/ignored")
