import os

from minio import Minio
from pydantic_settings import BaseSettings

# The access key names the account; only the secret key's default is a
# secret the app would silently run with.
STORAGE_ENDPOINT = os.getenv("STORAGE_ENDPOINT", "storage:9000")
STORAGE_ACCESS_KEY = os.getenv("STORAGE_ACCESS_KEY", "app_dev")
STORAGE_SECRET_KEY = os.getenv("STORAGE_SECRET_KEY", "dev_pass_9f2")  # want: FA202
# Without a secret key beside it, an access key is the whole credential.
WEATHER_ACCESS_KEY = os.getenv("WEATHER_ACCESS_KEY", "wx-5e1f0a9b77")  # want: FA202


class ObjectStoreSettings(BaseSettings):
    archive_access_key: str = "archiver"
    archive_secret_key: str = "archiver-pass-7d1"  # want: FA202


def client() -> Minio:
    access_key = os.getenv("BUCKET_ACCESS_KEY", "reader")
    secret_key = os.getenv("BUCKET_SECRET_KEY", "reader-pass-3c8")  # want: FA202
    return Minio(STORAGE_ENDPOINT, access_key=access_key, secret_key=secret_key)
