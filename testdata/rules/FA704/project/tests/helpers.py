def expect_ok(response):
    return response


def check_list(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.json()


def fetch_all(client):
    return check_list(client, "/items/")


def fetch_plain(client):
    return client.get("/items/")


def test_helper_module_is_not_collected(client):
    client.get("/")
