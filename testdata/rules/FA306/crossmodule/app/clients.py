import requests

http = requests.Session()


def get_http() -> requests.Session:
    return http
