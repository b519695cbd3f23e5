import requests
import responses


@responses.activate
def test_mocked_with_responses():
    responses.add(responses.GET, "http://localhost:8000/health", json={"status": "ok"})
    assert requests.get("http://localhost:8000/health").ok
