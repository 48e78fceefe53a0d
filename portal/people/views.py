"""Read models of master data handed to pages and components: plain frozen dataclasses, no database rows.

A table row bound to a form could be changed by the form and carries lazy database state; these are copies
taken inside the service's session.
"""
from dataclasses import dataclass
from datetime import date

from portal.people.models import Customer, Location, Staff, Team

Hours = tuple[tuple[int, str, str], ...]  # weekday 0-6, opens 'HH:MM', closes 'HH:MM'


@dataclass(frozen=True)
class CustomerView:
    """A customer's master data as staff (and the customer) see it; ``version`` goes back with a change."""

    id: int
    customer_number: str
    community_number: str
    first_name: str
    last_name: str
    date_of_birth: date
    preferred_language: str
    email: str | None
    phone: str | None
    street: str
    postcode: str
    city: str
    location_id: int
    team_id: int
    case_worker_id: int | None
    u25: bool
    version: int
    chat_notices: bool = False  # the customer agreed to an e-mail when a chat message waits

    @property
    def name(self) -> str:
        return f'{self.first_name} {self.last_name}'


@dataclass(frozen=True)
class LocationView:
    """An office: address and opening hours (sorted by day and time)."""

    id: int
    name: str
    street: str
    postcode: str
    city: str
    opening_hours: Hours
    phone: str | None = None  # the front desk
    email: str | None = None


@dataclass(frozen=True)
class TeamView:
    """A team; ``phone`` and ``email`` reach it when a customer's case worker is away."""

    id: int
    name: str
    location_id: int
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class StaffView:
    """A member of staff; ``roles`` holds any of caseworker, reception, admin."""

    id: int
    first_name: str
    last_name: str
    email: str
    location_id: int
    roles: tuple[str, ...]
    phone: str | None = None  # the direct line customers see for their case worker

    @property
    def name(self) -> str:
        return f'{self.first_name} {self.last_name}'


@dataclass(frozen=True)
class StaffMember:
    """A member of staff with teams and whether the account is activated and the second factor set up."""

    staff: StaffView
    team_ids: tuple[int, ...]
    activated: bool
    second_factor: bool


@dataclass(frozen=True)
class OrganisationOverview:
    """Everything the admin pages for staff, teams and locations show, read in one go."""

    locations: tuple[LocationView, ...]
    teams: tuple[TeamView, ...]
    staff: tuple[StaffMember, ...]


@dataclass(frozen=True)
class TeamChoice:
    id: int
    name: str
    location_name: str


@dataclass(frozen=True)
class CaseWorkerChoice:
    id: int
    name: str
    team_ids: frozenset[int]


@dataclass(frozen=True)
class CustomerChoices:
    """What the customer form offers: teams the actor may assign and the case workers of those teams."""

    teams: tuple[TeamChoice, ...]
    case_workers: tuple[CaseWorkerChoice, ...]


@dataclass(frozen=True)
class CustomerSheet:
    """Read model of the customer page: the record, whether the actor may edit it, and the form's choices."""

    customer: CustomerView
    editable: bool
    activated: bool
    choices: CustomerChoices


def customer_view(row: Customer) -> CustomerView:
    return CustomerView(row.id, row.customer_number, row.community_number, row.first_name, row.last_name,
                        row.date_of_birth, row.preferred_language, row.email, row.phone, row.street, row.postcode,
                        row.city, row.location_id, row.team_id, row.case_worker_id, row.u25, row.version,
                        row.chat_notices)


def location_view(row: Location) -> LocationView:
    hours = tuple(sorted((int(day), str(opens), str(closes)) for day, opens, closes in row.opening_hours))
    return LocationView(row.id, row.name, row.street, row.postcode, row.city, hours, row.phone, row.email)


def team_view(row: Team) -> TeamView:
    return TeamView(row.id, row.name, row.location_id, row.phone, row.email)


def staff_view(row: Staff) -> StaffView:
    return StaffView(row.id, row.first_name, row.last_name, row.email, row.location_id, tuple(row.roles), row.phone)
