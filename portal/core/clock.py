"""Injected time and randomness, so rules about time and codes are testable without sleeping."""
import secrets
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
TokenSource = Callable[[int], str]


def utc_now() -> datetime:
    """Aware UTC: SQLModel stores and returns aware UTC timestamps."""
    return datetime.now(UTC)


def random_token(nbytes: int) -> str:
    return secrets.token_urlsafe(nbytes)
