import ssl

import httpx
import requests
import urllib3

from app.config import settings

urllib3.disable_warnings()


class Validator:
    def check(self, data, verify=True):
        return data


def call_partner(url: str, validator: Validator, jwt, token: str):
    requests.get(url, verify=settings.VERIFY_SSL, timeout=5)
    requests.get(url, verify="/etc/ssl/internal-ca.pem", timeout=5)
    httpx.get(url, verify=True)
    validator.check({}, verify=False)
    jwt.decode(token, options={"verify_signature": True}, verify=False)
    ctx = ssl.create_default_context()
    ctx.verify_mode = ssl.CERT_REQUIRED
    config = object()
    config.verify = False
    return ctx
