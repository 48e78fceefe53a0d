"""Customers, staff, teams and locations of the job centre."""
from datetime import date

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


class Location(SQLModel, table=True):
    """An office of the job centre. ``opening_hours`` is a list of [weekday 0-6, 'HH:MM', 'HH:MM'];
    ``phone`` and ``email`` are its public front desk."""

    id: int = Field(default=None, primary_key=True)  # None until the row is added
    name: str = Field(max_length=120, unique=True)
    street: str = Field(max_length=120)
    postcode: str = Field(max_length=10)
    city: str = Field(max_length=80)
    opening_hours: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=200)


class Team(SQLModel, table=True):
    """A team of case workers; ``phone`` and ``email`` reach the team when its customers' case worker is away."""

    id: int = Field(default=None, primary_key=True)  # None until the row is added
    name: str = Field(max_length=120, unique=True)
    location_id: int = Field(foreign_key='location.id', index=True)
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=200)


class Staff(SQLModel, table=True):
    """A member of staff. ``roles`` holds any of caseworker, reception, admin; ``email`` is also the sign-in,
    ``phone`` the direct line customers see for their case worker."""

    id: int = Field(default=None, primary_key=True)  # None until the row is added
    first_name: str = Field(max_length=80)
    last_name: str = Field(max_length=80)
    email: str = Field(max_length=200, unique=True)
    phone: str | None = Field(default=None, max_length=40)
    location_id: int = Field(foreign_key='location.id', index=True)
    roles: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class StaffTeam(SQLModel, table=True):
    """Membership of a member of staff in a team."""

    staff_id: int = Field(foreign_key='staff.id', primary_key=True)
    team_id: int = Field(foreign_key='team.id', primary_key=True)


class Customer(SQLModel, table=True):
    """A customer (Kunde) of the job centre; ``u25`` marks youths with the career-orientation pass; ``chat_notices``
    is the customer's own choice, made in the portal (staff never set it). Ids are never reused (the audit log names
    erased customers by id)."""

    __table_args__ = {'sqlite_autoincrement': True}

    id: int = Field(default=None, primary_key=True)  # None until the row is added
    customer_number: str = Field(max_length=20, unique=True)
    community_number: str = Field(max_length=20, index=True)
    first_name: str = Field(max_length=80)
    last_name: str = Field(max_length=80)
    date_of_birth: date
    preferred_language: str = Field(default='de', max_length=5)
    email: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=40)
    street: str = Field(default='', max_length=120)
    postcode: str = Field(default='', max_length=10)
    city: str = Field(default='', max_length=80)
    location_id: int = Field(foreign_key='location.id', index=True)
    team_id: int = Field(foreign_key='team.id', index=True)
    case_worker_id: int | None = Field(default=None, foreign_key='staff.id', index=True)
    u25: bool = False
    chat_notices: bool = False  # the customer agreed to an e-mail when a chat message waits for them
    version: int = Field(default=1)


def is_under_25(born: date, today: date) -> bool:
    """Customers under 25 are youths (U25): they get the youth role and the career pass."""
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age < 25
