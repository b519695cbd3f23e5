import requests


class LoginHelper:
    """Logs the browser test suite in; the account exists only in the test deployment."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session = requests.Session()

    def login(self, username: str = "admin", password: str = "qa-admin-991") -> str:
        resp = self.session.post(f"{self.base_url}/login", json={"username": username, "password": password}, timeout=10)
        return resp.json()["token"]
