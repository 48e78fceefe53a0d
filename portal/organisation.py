"""Locations, teams and staff: kept by admins; listed for everyone on staff."""
from dataclasses import dataclass, field

from sqlmodel import Session, select

from portal import validation
from portal.access import require
from portal.clock import Clock
from portal.db import Database
from portal.errors import InvalidInput, NotFound
from portal.models import Account, Location, Staff, StaffTeam, Team
from portal.roles import STAFF_ROLES, Actor, Role


@dataclass(frozen=True)
class StaffMember:
    """Read model: a member of staff with teams and whether the second factor is set up."""

    staff: Staff
    team_ids: tuple[int, ...]
    activated: bool
    second_factor: bool


@dataclass(frozen=True)
class StaffDraft:
    first_name: str
    last_name: str
    email: str
    location_id: int | None
    roles: frozenset[str] = frozenset()
    team_ids: frozenset[int] = field(default_factory=frozenset)


class Organisation:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._clock = clock

    def locations(self) -> list[Location]:
        """Public: addresses and opening hours are shown to everyone."""
        with self._db.session() as session:
            return list(session.exec(select(Location).order_by(Location.name)))

    def save_location(self, actor: Actor, location_id: int | None, name: str, street: str, postcode: str,
                      city: str, hours: list) -> Location:
        require(actor, Role.ADMIN)
        with self._db.session() as session:
            location = _get_or_new(session, Location, location_id)
            location.name = validation.text(name, 'field.name', maximum=120)
            location.street = validation.text(street, 'field.street', maximum=120)
            location.postcode = validation.text(postcode, 'field.postcode', maximum=10)
            location.city = validation.text(city, 'field.city', maximum=80)
            location.opening_hours = validation.opening_hours(hours)
            _unique(session, Location, Location.name, location.name, location.id)
            session.add(location)
            session.commit()
            return location

    def teams(self, actor: Actor) -> list[Team]:
        require(actor, *STAFF_ROLES)
        with self._db.session() as session:
            return list(session.exec(select(Team).order_by(Team.name)))

    def save_team(self, actor: Actor, team_id: int | None, name: str, location_id: int | None) -> Team:
        require(actor, Role.ADMIN)
        with self._db.session() as session:
            team = _get_or_new(session, Team, team_id)
            team.name = validation.text(name, 'field.name', maximum=120)
            if location_id is None or session.get(Location, location_id) is None:
                raise InvalidInput('form.required', field='field.location')
            team.location_id = location_id
            _unique(session, Team, Team.name, team.name, team.id)
            session.add(team)
            session.commit()
            return team

    def staff(self, actor: Actor) -> list[StaffMember]:
        require(actor, *STAFF_ROLES)
        with self._db.session() as session:
            members = session.exec(select(Staff).order_by(Staff.last_name, Staff.first_name)).all()
            return [_member(session, staff) for staff in members]

    def save_staff(self, actor: Actor, staff_id: int | None, draft: StaffDraft) -> StaffMember:
        """Create or change a member of staff; a new one gets an account without a password."""
        require(actor, Role.ADMIN)
        roles = {Role(role) for role in draft.roles if role in {r.value for r in STAFF_ROLES}}
        if not roles:
            raise InvalidInput('staff.role_required')
        with self._db.session() as session:
            staff = _get_or_new(session, Staff, staff_id)
            staff.first_name = validation.text(draft.first_name, 'field.first_name', maximum=80)
            staff.last_name = validation.text(draft.last_name, 'field.last_name', maximum=80)
            staff.email = validation.email(draft.email, 'field.email', required=True)
            if draft.location_id is None or session.get(Location, draft.location_id) is None:
                raise InvalidInput('form.required', field='field.location')
            staff.location_id = draft.location_id
            staff.roles = sorted(role.value for role in roles)
            _unique(session, Staff, Staff.email, staff.email, staff.id)
            session.add(staff)
            session.flush()
            self._sync_account(session, staff)
            self._sync_teams(session, staff, draft.team_ids)
            session.commit()
            return _member(session, staff)

    def reset_second_factor(self, actor: Actor, staff_id: int) -> None:
        """For a lost phone: the member enrols a new authenticator at the next sign-in."""
        require(actor, Role.ADMIN)
        with self._db.session() as session:
            account = session.exec(select(Account).where(Account.staff_id == staff_id)).first()
            if account is None:
                raise NotFound()
            account.totp_enabled = False
            account.totp_secret = None
            account.totp_last_step = None
            session.add(account)
            session.commit()

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


def _member(session: Session, staff: Staff) -> StaffMember:
    teams = session.exec(select(StaffTeam.team_id).where(StaffTeam.staff_id == staff.id)).all()
    account = session.exec(select(Account).where(Account.staff_id == staff.id)).first()
    return StaffMember(staff, tuple(sorted(teams)), bool(account and account.password_hash),
                       bool(account and account.totp_enabled))


def _get_or_new(session: Session, model: type, object_id: int | None):
    if object_id is None:
        return model()
    found = session.get(model, object_id)
    if found is None:
        raise NotFound()
    return found


def _unique(session: Session, model: type, column, value: str, own_id: int | None) -> None:
    other = session.exec(select(model.id).where(column == value)).first()
    if other is not None and other != own_id:
        raise InvalidInput('form.taken', value=value)
