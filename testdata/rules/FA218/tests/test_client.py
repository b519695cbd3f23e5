import requests


def test_local_server():
    r = requests.get("https://localhost:8443/health", verify=False)
    assert r.status_code == 200
