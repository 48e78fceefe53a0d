"""The roles a signed-in person can hold, and the read model of the person acting."""
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    CITIZEN = 'citizen'
    YOUTH = 'youth'
    CASEWORKER = 'caseworker'
    RECEPTION = 'reception'
    ADMIN = 'admin'


CUSTOMER_ROLES = frozenset({Role.CITIZEN, Role.YOUTH})
STAFF_ROLES = frozenset({Role.CASEWORKER, Role.RECEPTION, Role.ADMIN})


@dataclass(frozen=True)
class Actor:
    """Who is acting: built from a valid login session, handed to every service call."""

    account_id: int
    name: str
    roles: frozenset[Role]
    language: str
    customer_id: int | None = None
    staff_id: int | None = None
    team_ids: frozenset[int] = field(default_factory=frozenset)
    location_id: int | None = None
    session_id: int | None = None

    @property
    def is_staff(self) -> bool:
        return bool(self.roles & STAFF_ROLES)

    @property
    def is_customer(self) -> bool:
        return self.customer_id is not None

    def has_any(self, roles: frozenset[Role] | set[Role]) -> bool:
        return bool(self.roles & set(roles))
