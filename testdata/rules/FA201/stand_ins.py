import logging

import boto3

logger = logging.getLogger(__name__)


def verify_api_key_string(key: str) -> bool:
    return len(key) > 8


def demo_request_flow() -> None:
    # The name says the value only stands in for a real key.
    simulated_api_key = "valid_key_123"
    fake_token = "tok-8d7e6f5a4b"
    if verify_api_key_string(simulated_api_key) and fake_token:
        logger.info("authenticated")


def archive_client():
    # The access key names the account; the secret key beside it is the secret.
    access_key = "archive-reader"
    secret_key = "s3cr3t-archive-key-77"  # want: FA201
    return boto3.client("s3", aws_access_key_id=access_key, aws_secret_access_key=secret_key)


# A real key under a name that is not a stand-in is still reported.
partner_api_key = "pk-2f9c81d7e6a54b3a"  # want: FA201
