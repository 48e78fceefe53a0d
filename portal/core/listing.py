"""Long lists shown a page at a time: the newest ``PAGE_SIZE`` rows, then "older" and "newer" steps by offset."""
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlmodel import Session
from sqlmodel.sql.expression import SelectOfScalar

T = TypeVar('T')
PAGE_SIZE = 50


@dataclass(frozen=True)
class Listing(Generic[T]):
    """Up to ``PAGE_SIZE`` rows starting at ``offset`` (0: the first rows), and whether more follow."""

    rows: tuple[T, ...]
    offset: int
    has_older: bool

    @property
    def has_newer(self) -> bool:
        return self.offset > 0

    @property
    def older_offset(self) -> int:
        return self.offset + PAGE_SIZE

    @property
    def newer_offset(self) -> int:
        return max(0, self.offset - PAGE_SIZE)

    @property
    def single_page(self) -> bool:
        return not (self.has_newer or self.has_older)


def offset_of(value: int) -> int:
    """A requested offset, made a whole multiple of the page size and not negative (it comes from a page)."""
    return max(0, int(value)) // PAGE_SIZE * PAGE_SIZE


def fetch(session: Session, query: SelectOfScalar, offset: int) -> tuple[list, int, bool]:
    """The rows of ``query`` (already ordered) from ``offset``: one more than a page is read to see if more follow."""
    start = offset_of(offset)
    found = list(session.exec(query.offset(start).limit(PAGE_SIZE + 1)).all())
    return found[:PAGE_SIZE], start, len(found) > PAGE_SIZE
