"""Small checks shared by the master-data services; each failure names a translated message."""
import re
from collections.abc import Callable
from datetime import date
from typing import Any, Literal, TypeVar, overload

from portal.core.errors import InvalidFields, InvalidInput

EMAIL = re.compile(r'^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$')
PHONE = re.compile(r'^[+0-9 ()/-]{5,40}$')
TIME = re.compile(r'^([01]\d|2[0-3]):[0-5]\d$')
T = TypeVar('T')


class Problems:
    """Runs the checks of every field of a form and collects what fails, to report all problems at once."""

    def __init__(self) -> None:
        self.found: dict[str, InvalidInput] = {}

    def check(self, name: str, rule: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """``rule(*args, **kwargs)``, or None when it refuses (the problem is kept under ``name``)."""
        try:
            return rule(*args, **kwargs)
        except InvalidInput as problem:
            self.found.setdefault(name, problem)
            return None

    def raise_any(self) -> None:
        if self.found:
            raise InvalidFields(dict(self.found))


def text(value: str, field: str, *, maximum: int, required: bool = True, multiline: bool = False) -> str:
    """Trimmed text; markup is kept as typed (the UI escapes it) but control characters are refused
    (line breaks too, unless the field is multi-line)."""
    cleaned = (value or '').strip()
    if required and not cleaned:
        raise InvalidInput('form.required', field=field)
    if len(cleaned) > maximum:
        raise InvalidInput('form.too_long', field=field, maximum=maximum)
    allowed = '\n\r\t' if multiline else ''
    if any(ord(ch) < 32 and ch not in allowed for ch in cleaned):
        raise InvalidInput('form.invalid', field=field)
    return cleaned


@overload
def email(value: str | None, field: str, *, required: Literal[True]) -> str: ...


@overload
def email(value: str | None, field: str, *, required: bool = False) -> str | None: ...


def email(value: str | None, field: str, *, required: bool = False) -> str | None:
    """Trimmed and lower-cased; None when empty (refused instead when ``required``)."""
    cleaned = (value or '').strip().lower()
    if not cleaned:
        if required:
            raise InvalidInput('form.required', field=field)
        return None
    if len(cleaned) > 200 or not EMAIL.match(cleaned):
        raise InvalidInput('form.email_invalid', field=field)
    return cleaned


def phone(value: str | None, field: str) -> str | None:
    cleaned = (value or '').strip()
    if cleaned and not PHONE.match(cleaned):
        raise InvalidInput('form.phone_invalid', field=field)
    return cleaned or None


def birth_date(value: date | None, field: str, today: date) -> date:
    if value is None or value > today or value.year < today.year - 120:
        raise InvalidInput('form.date_invalid', field=field)
    return value


def opening_hours(rows: list) -> list[list]:
    """Rows of [weekday 0-6, 'HH:MM', 'HH:MM'] with the opening before the closing time."""
    cleaned = []
    for row in rows:
        try:
            day, opens, closes = row
            day = int(day)
        except (TypeError, ValueError) as problem:
            raise InvalidInput('form.hours_invalid') from problem
        if day not in range(7) or not isinstance(opens, str) or not isinstance(closes, str) \
                or not TIME.match(opens) or not TIME.match(closes) or opens >= closes:
            raise InvalidInput('form.hours_invalid')
        cleaned.append([day, opens, closes])
    return sorted(cleaned)
