"""Plain factory functions for demo data and tests: sensible defaults, every field overridable.

``overrides`` are typed ``Any``: they are passed on as columns of the model, each with its own type."""
import itertools
from datetime import date
from typing import Any

from sqlmodel import Session

from portal.core.clock import utc_now
from portal.core.crypto import hash_secret
from portal.identity.models import Account
from portal.people.models import Customer, Location, Staff, StaffTeam, Team, is_under_25

_numbers = itertools.count(1)
WEEKDAYS_8_TO_12 = [[day, '08:00', '12:00'] for day in range(5)] + [[3, '14:00', '18:00']]


def make_location(*, session: Session, **overrides: Any) -> Location:
    n = next(_numbers)
    values: dict[str, Any] = dict(name=f'Geschäftsstelle {n}', street='Hauptstraße 12', postcode='12345',
                                  city='Musterstadt', opening_hours=WEEKDAYS_8_TO_12)
    location = Location(**{**values, **overrides})
    session.add(location)
    session.flush()
    return location


def make_team(*, session: Session, location: Location, **overrides: Any) -> Team:
    team = Team(**{'name': f'Team {next(_numbers)}', 'location_id': location.id, **overrides})
    session.add(team)
    session.flush()
    return team


def make_staff(*, session: Session, location: Location, roles: tuple[str, ...] = ('caseworker',),
               teams: tuple[Team, ...] = (), password: str | None = None, **overrides: Any) -> Staff:
    n = next(_numbers)
    values: dict[str, Any] = dict(first_name='Petra', last_name=f'Hoffmann{n}', email=f'staff{n}@jobcenter.example',
                                  location_id=location.id, roles=list(roles))
    staff = Staff(**{**values, **overrides})
    session.add(staff)
    session.flush()
    for team in teams:
        session.add(StaffTeam(staff_id=staff.id, team_id=team.id))
    session.add(Account(staff_id=staff.id, email=staff.email, created_at=utc_now(),
                        password_hash=hash_secret(password) if password else None))
    session.flush()
    return staff


def make_customer(*, session: Session, team: Team, password: str | None = None, language: str = 'de',
                  **overrides: Any) -> Customer:
    n = next(_numbers)
    values: dict[str, Any] = dict(customer_number=f'900K{n:06d}', community_number=f'12345BG{n:07d}',
                                  first_name='Anna', last_name=f'Schmidt{n}', date_of_birth=date(1985, 4, 12),
                                  preferred_language=language, street='Lindenweg 3', postcode='12345',
                                  city='Musterstadt', location_id=team.location_id, team_id=team.id)
    values.update(overrides)
    values.setdefault('u25', is_under_25(values['date_of_birth'], utc_now().date()))
    customer = Customer(**values)
    session.add(customer)
    session.flush()
    session.add(Account(customer_id=customer.id, email=customer.email, language=language, created_at=utc_now(),
                        password_hash=hash_secret(password) if password else None))
    session.flush()
    return customer
