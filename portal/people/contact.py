"""How a customer reaches the job centre: their case worker (or team), a phone number and an e-mail address
(the case worker's where known, else the team's, else the office's), and the office with its opening hours."""
from dataclasses import dataclass

from sqlmodel import Session

from portal.core.db import get_existing
from portal.people.models import Customer, Location, Staff, Team
from portal.people.views import LocationView, location_view


@dataclass(frozen=True)
class Contact:
    """Read model; ``weekday`` is today's in Berlin (Monday 0), for "open today"."""

    case_worker: str | None
    team: str
    phone: str | None
    email: str | None
    office: LocationView
    weekday: int


def contact_of(session: Session, customer: Customer, weekday: int) -> Contact:
    team = get_existing(Team, customer.team_id, session=session)
    office = get_existing(Location, customer.location_id, session=session)
    worker = session.get(Staff, customer.case_worker_id) if customer.case_worker_id else None
    name = f'{worker.first_name} {worker.last_name}' if worker else None
    return Contact(name, team.name, _first(worker.phone if worker else None, team.phone, office.phone),
                   _first(worker.email if worker else None, team.email, office.email), location_view(office), weekday)


def _first(*values: str | None) -> str | None:
    return next((value for value in values if value), None)
