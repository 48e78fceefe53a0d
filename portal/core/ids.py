"""Ids and indexes taken from addresses (``/admin/customers/{customer_id}``, ``?receipt=``).

Annotate a route's or page's parameter with ``Id`` (or ``Index`` for a 0-based position): anything that is no
id the database can hold (negative, 0, larger than a signed 64-bit integer, not a plain ASCII number) becomes
``NO_ID``, which no row ever has, so it ends in the same "not found" as a missing or foreign id instead of a
422 or, for numbers beyond 2^63-1, an ``OverflowError`` from the database driver.
"""
from typing import Annotated

from pydantic import BeforeValidator

LARGEST = 2**63 - 1  # BIGINT in PostgreSQL, INTEGER in SQLite
NO_ID = 0  # ids start at 1 in both databases
NO_INDEX = -1
DIGITS = len(str(LARGEST))


def as_id(value: object) -> int:
    """The id in ``value``, or ``NO_ID`` when it cannot be one."""
    number = _number(value)
    return number if number is not None and 0 < number <= LARGEST else NO_ID


def as_index(value: object) -> int:
    """The 0-based position in ``value``, or ``NO_INDEX`` (no page has it) when it cannot be one."""
    number = _number(value)
    return number if number is not None and 0 <= number <= LARGEST else NO_INDEX


def _number(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = value if isinstance(value, str) else ''
    if not text or len(text) > DIGITS or not text.isascii() or not text.isdigit():
        return None
    return int(text)


Id = Annotated[int, BeforeValidator(as_id)]
Index = Annotated[int, BeforeValidator(as_index)]
