import logging
import os
from uuid import UUID

logger = logging.getLogger(__name__)


def parse_allowlist(raw: str) -> set[UUID]:
    ids: set[UUID] = set()
    for part in raw.split(","):
        token = part.strip()
        if not token:
            continue
        try:
            ids.add(UUID(token))
        except ValueError:
            # a piece of a comma-separated list, not a credential
            logger.warning("ignoring invalid id in allow-list: %s", token)
    return ids


def count_words(text: str) -> int:
    n = 0
    for token in text.split():
        logger.debug("word %s", token)
        n += 1
    return n


def storage_client():
    endpoint = os.getenv("STORAGE_ENDPOINT", "storage:9000")
    access_key = os.environ["STORAGE_ACCESS_KEY"]
    secret_key = os.environ["STORAGE_SECRET_KEY"]
    # the access key names the account: logging it is fine
    logger.info("using storage endpoint=%s access_key=%s", endpoint, access_key)
    logger.info("storage secret=%s", secret_key)  # want: FA215
    return endpoint, access_key, secret_key


def bearer_from_header(authorization: str) -> str:
    token = authorization.split(" ")[1]
    logger.info("bearer %s", token)  # want: FA215
    return token


def tokens_from_settings(api_tokens: str) -> None:
    for token in api_tokens.split(","):
        logger.info("configured token %s", token)  # want: FA215
