"""Brute-force protection: failed attempts counted per identifier and per address in a sliding window.

The identifier key is the normalised text the person typed, not an account id, so unknown and known
accounts are throttled alike and a lockout does not reveal whether an account exists.
"""
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, func, select

from portal.core.errors import TooManyAttempts
from portal.identity.models import LoginAttempt


@dataclass(frozen=True)
class ThrottleRule:
    per_identifier: int
    per_address: int
    window: timedelta


def keys_for(identifier: str, address: str) -> tuple[str, str]:
    return f'id:{identifier.strip().lower()[:200]}', f'ip:{address[:64]}'


def check(*, session: Session, rule: ThrottleRule, identifier: str, address: str, now: datetime) -> None:
    """Raise TooManyAttempts (with the minutes to wait) when either counter is full."""
    id_key, ip_key = keys_for(identifier, address)
    for key, limit in ((id_key, rule.per_identifier), (ip_key, rule.per_address)):
        count, oldest = session.exec(
            select(func.count(), func.min(LoginAttempt.at))
            .where(LoginAttempt.key == key, LoginAttempt.at > now - rule.window)
        ).one()
        if count >= limit:
            wait = (oldest + rule.window - now).total_seconds() / 60
            raise TooManyAttempts(minutes=max(1, math.ceil(wait)))


def fail(*, session: Session, identifier: str, address: str, now: datetime) -> None:
    for key in keys_for(identifier, address):
        session.add(LoginAttempt(key=key, at=now))


def succeed(*, session: Session, identifier: str, now: datetime, rule: ThrottleRule) -> None:
    """A successful sign-in clears the identifier's failures; old rows of every key are pruned."""
    id_key, _ = keys_for(identifier, '')
    session.execute(delete(LoginAttempt).where(col(LoginAttempt.key) == id_key))
    session.execute(delete(LoginAttempt).where(col(LoginAttempt.at) < now - rule.window))
