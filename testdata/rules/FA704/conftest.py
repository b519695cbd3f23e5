def test_in_conftest_is_not_collected(client):
    client.get("/")
