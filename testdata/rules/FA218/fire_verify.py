import ssl

import aiohttp
import httpx
import requests
from requests import get as fetch

session = requests.Session()
session.verify = False  # want: FA218
client = httpx.Client(verify=False)  # want: FA218
ssl._create_default_https_context = ssl._create_unverified_context  # want: FA218


def call_partner(url: str):
    r = requests.get(url, verify=False, timeout=5)  # want: FA218
    fetch(url, timeout=5, verify=False)  # want: FA218
    requests.request("POST", url, verify=False, timeout=5)  # want: FA218
    session.post(url, json={}, verify=False, timeout=5)  # want: FA218
    return r


async def call_async(url: str):
    async with httpx.AsyncClient(verify=False) as c:  # want: FA218
        await c.get(url)
    s = requests.Session()
    s.get(url, verify=False, timeout=5)  # want: FA218
    ctx = ssl._create_unverified_context()  # want: FA218
    ctx2 = ssl.create_default_context()
    ctx2.check_hostname = False
    ctx2.verify_mode = ssl.CERT_NONE  # want: FA218
    connector = aiohttp.TCPConnector(ssl=False)  # want: FA218
    return ctx, connector
