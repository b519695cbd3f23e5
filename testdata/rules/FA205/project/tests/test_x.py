users = {"admin": "password123"}
fake_users_db = {"johndoe": {"username": "johndoe", "hashed_password": "fakehashedsecret"}}
CREDS = [{"username": "admin", "password": "secret"}]


def login(password: str = "admin"):
    return password


def test_login(client):
    r = client.post("/token", data={"username": "admin", "password": "secret"})
    assert r.status_code == 200
