def test_login(user, body):
    assert user.password == body.password
    assert user.hashed_password != body.password
