"""Pagination helpers (no routes)."""
import hashlib
from datetime import datetime


def page_bounds(page: int, size: int) -> tuple[int, int]:
    start = (page - 1) * size
    return start, start + size


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def stamp() -> str:
    return datetime.utcnow().isoformat()
