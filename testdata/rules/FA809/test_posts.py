def test_delete():
    response = {"status": 204}
    assert response["status"] == 204
