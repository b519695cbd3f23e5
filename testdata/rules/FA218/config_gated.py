import ssl

import httpx
import requests


class TransportSecurity:
    def __init__(self, config):
        self.config = config

    def build_context(self) -> ssl.SSLContext:
        ctx = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
        if self.config.verify_certificates:
            ctx.check_hostname = True
            ctx.verify_mode = ssl.CERT_REQUIRED
        else:
            # The operator turned verification off in the configuration.
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        return ctx


def fetch_report(url: str, settings) -> bytes:
    if settings.ALLOW_INSECURE_TLS:
        return requests.get(url, verify=False, timeout=10).content
    return requests.get(url, timeout=10).content


def fetch_debug(url: str, settings) -> bytes:
    # DEBUG says nothing about certificates: still reported.
    if settings.DEBUG:
        return httpx.get(url, verify=False).content  # want: FA218
    return httpx.get(url).content


def legacy_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.verify_mode = ssl.CERT_NONE  # want: FA218
    return ctx
