from app.models import User


def test_user(body):
    password = "secret"
    User(email="a@b.c", hashed_password=password)
