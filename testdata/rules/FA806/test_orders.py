def test_create():
    print("debugging a test")
