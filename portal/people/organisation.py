"""Locations, teams and staff: kept by admins; listed for everyone on staff."""
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TypeVar

from sqlalchemy import update
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, select

from portal.core import validation
from portal.core.clock import Clock
from portal.core.db import Database, get_existing
from portal.core.errors import InvalidInput, NotFound
from portal.identity.auth import revoke_sessions
from portal.identity.models import Account, RecoveryCode
from portal.identity.roles import STAFF_ROLES, Actor, Role
from portal.people.access import require
from portal.people.models import Customer, Location, Staff, StaffTeam, Team
from portal.people.views import (
    LocationView,
    OrganisationOverview,
    StaffMember,
    TeamView,
    location_view,
    staff_view,
    team_view,
)

Kept = TypeVar('Kept', Location, Team, Staff)  # what admins keep here


@dataclass(frozen=True)
class LocationDraft:
    """What an admin types for an office; ``hours`` are rows of [weekday 0-6, 'HH:MM', 'HH:MM']; ``phone`` and
    ``email`` are the office's public front desk (optional)."""

    name: str
    street: str
    postcode: str
    city: str
    hours: list = field(default_factory=list)
    phone: str = ''
    email: str = ''


@dataclass(frozen=True)
class StaffDraft:
    first_name: str
    last_name: str
    email: str
    location_id: int | None
    roles: frozenset[str] = frozenset()
    team_ids: frozenset[int] = field(default_factory=frozenset)
    phone: str = ''  # the direct line customers of a case worker see (optional)


class Organisation:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._clock = clock

    def locations(self) -> list[LocationView]:
        """Public: addresses and opening hours are shown to everyone."""
        with self._db.session() as session:
            return [location_view(row) for row in session.exec(select(Location).order_by(col(Location.name)))]

    def overview(self, actor: Actor) -> OrganisationOverview:
        """For admins: locations, teams and staff with their account state."""
        require(actor, Role.ADMIN)
        with self._db.session() as session:
            members = session.exec(select(Staff).order_by(col(Staff.last_name), col(Staff.first_name))).all()
            return OrganisationOverview(
                tuple(location_view(row) for row in session.exec(select(Location).order_by(col(Location.name)))),
                tuple(team_view(row) for row in session.exec(select(Team).order_by(col(Team.name)))),
                tuple(_member(session, staff) for staff in members))

    def save_location(self, actor: Actor, location_id: int | None, draft: LocationDraft) -> LocationView:
        """Create (``location_id`` None) or change an office; names are unique."""
        require(actor, Role.ADMIN)
        with self._db.session() as session:
            location = _get_or_new(session, Location, location_id)
            location.name = validation.text(draft.name, 'field.name', maximum=120)
            location.street = validation.text(draft.street, 'field.street', maximum=120)
            location.postcode = validation.text(draft.postcode, 'field.postcode', maximum=10)
            location.city = validation.text(draft.city, 'field.city', maximum=80)
            location.opening_hours = _opening_hours(draft.hours)
            location.phone = validation.phone(draft.phone, 'field.phone')
            location.email = validation.email(draft.email, 'field.email')
            _unique(session, Location, col(Location.name), location.name, location.id)
            session.add(location)
            session.commit()
            return location_view(location)

    def teams(self, actor: Actor) -> list[TeamView]:
        require(actor, *STAFF_ROLES)
        with self._db.session() as session:
            return [team_view(row) for row in session.exec(select(Team).order_by(col(Team.name)))]

    def save_team(self, actor: Actor, team_id: int | None, name: str, location_id: int | None, *, phone: str = '',
                  email: str = '') -> TeamView:
        """Create (``team_id`` None) or change a team; names are unique. Moving a team moves its customers.
        ``phone`` and ``email`` reach the team (optional)."""
        require(actor, Role.ADMIN)
        with self._db.session() as session:
            team = _get_or_new(session, Team, team_id)
            team.name = validation.text(name, 'field.name', maximum=120)
            team.phone = validation.phone(phone, 'field.phone')
            team.email = validation.email(email, 'field.email')
            if location_id is None or session.get(Location, location_id) is None:
                raise InvalidInput('form.required', field='field.location')
            team.location_id = location_id
            _unique(session, Team, col(Team.name), team.name, team.id)
            session.add(team)
            if team.id is not None:  # the team's customers are served where the team works
                session.exec(update(Customer).where(col(Customer.team_id) == team.id).values(location_id=location_id))
            session.commit()
            return team_view(team)

    def staff(self, actor: Actor) -> list[StaffMember]:
        require(actor, *STAFF_ROLES)
        with self._db.session() as session:
            members = session.exec(select(Staff).order_by(col(Staff.last_name), col(Staff.first_name))).all()
            return [_member(session, staff) for staff in members]

    def save_staff(self, actor: Actor, staff_id: int | None, draft: StaffDraft) -> StaffMember:
        """Create or change a member of staff; a new one gets an account without a password.

        Admins cannot take the admin role from themselves, so the portal never loses its last admin by accident.
        """
        require(actor, Role.ADMIN)
        roles = {Role(role) for role in draft.roles if role in {r.value for r in STAFF_ROLES}}
        if not roles:
            raise InvalidInput('staff.role_required')
        if staff_id is not None and staff_id == actor.staff_id and Role.ADMIN not in roles:
            raise InvalidInput('staff.keep_own_admin')
        with self._db.session() as session:
            staff = _get_or_new(session, Staff, staff_id)
            staff.first_name = validation.text(draft.first_name, 'field.first_name', maximum=80)
            staff.last_name = validation.text(draft.last_name, 'field.last_name', maximum=80)
            staff.email = validation.email(draft.email, 'field.email', required=True)
            staff.phone = validation.phone(draft.phone, 'field.phone')
            if draft.location_id is None or session.get(Location, draft.location_id) is None:
                raise InvalidInput('form.required', field='field.location')
            staff.location_id = draft.location_id
            staff.roles = sorted(role.value for role in roles)
            _unique(session, Staff, col(Staff.email), staff.email, staff.id)
            session.add(staff)
            session.flush()
            self._sync_account(session, staff)
            self._sync_teams(session, staff, draft.team_ids)
            session.commit()
            return _member(session, staff)

    def reset_second_factor(self, actor: Actor, staff_id: int) -> StaffMember:
        """For a lost phone: the member enrols a new authenticator at the next sign-in.

        The old recovery codes stop working and every session of the member ends, so a stolen phone
        that is still signed in is locked out too.
        """
        require(actor, Role.ADMIN)
        with self._db.session() as session:
            staff = session.get(Staff, staff_id)
            account = session.exec(select(Account).where(Account.staff_id == staff.id)).first() if staff else None
            if staff is None or account is None:
                raise NotFound()
            account.totp_enabled = False
            account.totp_secret = None
            account.totp_last_step = None
            for code in session.exec(select(RecoveryCode).where(RecoveryCode.account_id == account.id)).all():
                session.delete(code)
            revoke_sessions(session, account.id, self._clock())
            session.add(account)
            session.commit()
            return _member(session, staff)

    def _sync_account(self, session: Session, staff: Staff) -> None:
        account = session.exec(select(Account).where(Account.staff_id == staff.id)).first()
        other = session.exec(select(Account).where(Account.email == staff.email)).first()
        if other is not None and (account is None or other.id != account.id):
            raise InvalidInput('form.email_taken')
        account = account or Account(staff_id=staff.id, created_at=self._clock())
        account.email = staff.email
        session.add(account)

    def _sync_teams(self, session: Session, staff: Staff, team_ids: frozenset[int]) -> None:
        for link in session.exec(select(StaffTeam).where(StaffTeam.staff_id == staff.id)).all():
            session.delete(link)
        for team_id in team_ids:
            if session.get(Team, team_id) is None:
                raise InvalidInput('form.invalid', field='field.teams')
            session.add(StaffTeam(staff_id=staff.id, team_id=team_id))


def _opening_hours(rows: list) -> list[list]:
    """Rows of weekday, opening and closing time; a day's rows must not overlap."""
    try:
        cleaned = validation.opening_hours([[int(day), str(opens), str(closes)] for day, opens, closes in rows])
    except (TypeError, ValueError) as error:
        raise InvalidInput('form.hours_invalid') from error
    for before, after in pairwise(cleaned):
        if before[0] == after[0] and after[1] < before[2]:
            raise InvalidInput('locations.hours_overlap')
    return cleaned


def _member(session: Session, staff: Staff) -> StaffMember:
    teams = session.exec(select(StaffTeam.team_id).where(StaffTeam.staff_id == staff.id)).all()
    account = session.exec(select(Account).where(Account.staff_id == staff.id)).first()
    return StaffMember(staff_view(staff), tuple(sorted(teams)), bool(account and account.password_hash),
                       bool(account and account.totp_enabled))


def _get_or_new(session: Session, model: type[Kept], object_id: int | None) -> Kept:
    if object_id is None:  # a new row starts empty: the caller sets every column before it is added
        return model()  # type: ignore[call-arg]  # SQLModel types table models as validating; they do not
    return get_existing(model, object_id, session=session)


def _unique(session: Session, model: type[Kept], column: Mapped[str], value: str, own_id: int | None) -> None:
    other = session.exec(select(model.id).where(column == value)).first()
    if other is not None and other != own_id:
        raise InvalidInput('form.taken', value=value)
