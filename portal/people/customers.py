"""Customers: search, view and keep master data, with access checked and staff reads audited."""
import random
from dataclasses import dataclass
from datetime import date

from sqlalchemy import false, or_, update
from sqlmodel import Session, col, select

from portal.audit import service as audit
from portal.core import validation
from portal.core.clock import Clock
from portal.core.db import Database
from portal.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from portal.core.i18n import LANGUAGES
from portal.identity.models import Account
from portal.identity.roles import STAFF_ROLES, Actor, Role
from portal.people.access import can_edit_customer, ensure_can_view_customer, require
from portal.people.models import Customer, Location, Staff, StaffTeam, Team, is_under_25
from portal.people.views import (
    CaseWorkerChoice,
    CustomerChoices,
    CustomerSheet,
    CustomerView,
    TeamChoice,
    customer_view,
)

SEARCH_LIMIT = 50
SEARCH_MAX = 80


@dataclass(frozen=True)
class CustomerDraft:
    """What staff type into the customer form."""

    first_name: str
    last_name: str
    date_of_birth: date | None
    team_id: int | None
    preferred_language: str = 'de'
    email: str | None = None
    phone: str | None = None
    street: str = ''
    postcode: str = ''
    city: str = ''
    case_worker_id: int | None = None
    community_number: str = ''


class Customers:
    def __init__(self, database: Database, clock: Clock, rng: random.Random | None = None) -> None:
        self._db = database
        self._clock = clock
        self._rng = rng or random.SystemRandom()

    def search(self, actor: Actor, text: str = '') -> list[CustomerView]:
        """Customers the actor may see, matching name, customer or community number; the search is audited."""
        require(actor, *STAFF_ROLES)
        wanted = ' '.join(text.split())[:SEARCH_MAX]
        with self._db.session() as session:
            query = select(Customer).order_by(Customer.last_name, Customer.first_name, Customer.id)
            if wanted:
                like = '%' + wanted.replace('\\', '\\\\').replace('%', '\\%').replace('_', '\\_') + '%'
                query = query.where(or_(*(col(column).ilike(like, escape='\\') for column in (
                    Customer.last_name, Customer.first_name, Customer.customer_number, Customer.community_number))))
            found = [customer_view(row) for row in session.exec(_scoped(query, actor).limit(SEARCH_LIMIT))]
            audit.record(session=session, actor=actor, action='customer.search', at=self._clock(),
                         detail=wanted)
            session.commit()
            return found

    def get(self, actor: Actor, customer_id: int) -> CustomerView:
        """One customer, for anyone allowed to see them; a staff read is audited."""
        with self._db.session() as session:
            customer = customer_view(self._viewed(session, actor, customer_id))
            session.commit()
            return customer

    def sheet(self, actor: Actor, customer_id: int) -> CustomerSheet:
        """The customer page for staff: the record (read audited), edit right, activation state, choices."""
        require(actor, *STAFF_ROLES)
        with self._db.session() as session:
            customer = self._viewed(session, actor, customer_id)
            editable = can_edit_customer(actor, customer)
            account = session.exec(select(Account).where(Account.customer_id == customer.id)).one()
            choices = _choices(session, actor if editable else None, customer)
            sheet = CustomerSheet(customer_view(customer), editable, account.password_hash is not None, choices)
            session.commit()
            return sheet

    def choices(self, actor: Actor) -> CustomerChoices:
        """Teams and case workers for the form of a new customer."""
        require(actor, Role.ADMIN, Role.CASEWORKER)
        with self._db.session() as session:
            return _choices(session, actor, None)

    def create(self, actor: Actor, draft: CustomerDraft) -> CustomerView:
        require(actor, Role.ADMIN, Role.CASEWORKER)
        with self._db.session() as session:
            customer = Customer(customer_number=self._free_number(session), version=1,
                                **self._checked(session, actor, draft))
            session.add(customer)
            session.flush()
            _ensure_email_free(session, customer.email, None)
            session.add(Account(customer_id=customer.id, email=customer.email, language=customer.preferred_language,
                                created_at=self._clock()))
            audit.record(session=session, actor=actor, action='customer.create', at=self._clock(),
                         customer_id=customer.id)
            created = customer_view(customer)
            session.commit()
            return created

    def update(self, actor: Actor, customer_id: int, draft: CustomerDraft, version: int) -> CustomerView:
        """Refuses with Conflict when someone else saved the customer since the form was opened.

        The version is compared inside the UPDATE itself, so two saves racing each other cannot both win.
        """
        with self._db.session() as session:
            customer = ensure_can_view_customer(actor, session.get(Customer, customer_id))
            if not can_edit_customer(actor, customer):
                raise NotAllowed()
            values = self._checked(session, actor, draft, current=customer)
            account = session.exec(select(Account).where(Account.customer_id == customer.id)).one()
            _ensure_email_free(session, values['email'], account.id)
            changed = session.exec(update(Customer).where(col(Customer.id) == customer.id,
                                                          col(Customer.version) == version)
                                   .values(**values, version=version + 1))
            if changed.rowcount != 1:
                raise Conflict()
            account.email = values['email']
            session.add(account)
            audit.record(session=session, actor=actor, action='customer.update', at=self._clock(),
                         customer_id=customer.id)
            session.commit()
            session.refresh(customer)
            return customer_view(customer)

    def own(self, actor: Actor) -> CustomerView:
        """The signed-in customer's own record."""
        if actor.customer_id is None:
            raise NotFound()
        with self._db.session() as session:
            return customer_view(ensure_can_view_customer(actor, session.get(Customer, actor.customer_id)))

    def _viewed(self, session: Session, actor: Actor, customer_id: int) -> Customer:
        customer = ensure_can_view_customer(actor, session.get(Customer, customer_id))
        audit.record(session=session, actor=actor, action='customer.view', at=self._clock(),
                     customer_id=customer.id)
        return customer

    def _checked(self, session: Session, actor: Actor, draft: CustomerDraft, *,
                 current: Customer | None = None) -> dict:
        team = self._team(session, actor, draft.team_id)
        if current is None or (draft.case_worker_id, team.id) != (current.case_worker_id, current.team_id):
            self._check_case_worker(session, draft.case_worker_id, team)
        if draft.preferred_language not in LANGUAGES:
            raise InvalidInput('form.invalid', field='field.language')
        born = validation.birth_date(draft.date_of_birth, 'field.date_of_birth', self._clock().date())
        return dict(
            first_name=validation.text(draft.first_name, 'field.first_name', maximum=80),
            last_name=validation.text(draft.last_name, 'field.last_name', maximum=80),
            date_of_birth=born, u25=is_under_25(born, self._clock().date()),
            preferred_language=draft.preferred_language,
            email=validation.email(draft.email, 'field.email'), phone=validation.phone(draft.phone, 'field.phone'),
            street=validation.text(draft.street, 'field.street', maximum=120, required=False),
            postcode=validation.text(draft.postcode, 'field.postcode', maximum=10, required=False),
            city=validation.text(draft.city, 'field.city', maximum=80, required=False),
            team_id=team.id, location_id=team.location_id, case_worker_id=draft.case_worker_id,
            community_number=validation.text(draft.community_number, 'field.community_number', maximum=20,
                                             required=False) or (current.community_number if current else '')
            or self._community_number(),
        )

    @staticmethod
    def _team(session: Session, actor: Actor, team_id: int | None) -> Team:
        """Case workers assign only their own teams."""
        team = session.get(Team, team_id) if team_id else None
        if team is None:
            raise InvalidInput('form.required', field='field.team')
        if Role.ADMIN not in actor.roles and team.id not in actor.team_ids:
            raise InvalidInput('customers.team_not_yours')
        return team

    @staticmethod
    def _check_case_worker(session: Session, staff_id: int | None, team: Team) -> None:
        """A newly chosen responsible case worker must be a case worker of the customer's team.

        An unchanged one in an unchanged team is kept, so a change of the team's members does not block
        editing a phone number.
        """
        if staff_id is None:
            return
        staff = session.get(Staff, staff_id)
        member = session.get(StaffTeam, (staff_id, team.id)) if staff is not None else None
        if member is None or Role.CASEWORKER.value not in staff.roles:
            raise InvalidInput('customers.case_worker_not_in_team')

    def _free_number(self, session: Session) -> str:
        while True:
            number = f'{self._rng.randint(100, 999)}K{self._rng.randint(0, 999999):06d}'
            if session.exec(select(Customer.id).where(Customer.customer_number == number)).first() is None:
                return number

    def _community_number(self) -> str:
        return f'{self._rng.randint(10000, 99999)}BG{self._rng.randint(0, 9999999):07d}'


def _scoped(query, actor: Actor):
    """Only customers the actor may see; somebody without team or location finds nobody."""
    if Role.ADMIN in actor.roles:
        return query
    conditions = []
    if Role.CASEWORKER in actor.roles and actor.team_ids:
        conditions.append(col(Customer.team_id).in_(actor.team_ids))
    if Role.RECEPTION in actor.roles and actor.location_id is not None:
        conditions.append(Customer.location_id == actor.location_id)
    return query.where(or_(*conditions) if conditions else false())


def _choices(session: Session, actor: Actor | None, customer: Customer | None) -> CustomerChoices:
    """Teams the actor may assign (none when only viewing), always with the customer's current team and
    case worker, so the form can name them."""
    team_ids = _assignable_teams(session, actor)
    current = customer.case_worker_id if customer else None
    if customer is not None:
        team_ids.add(customer.team_id)
    rows = session.exec(select(Team, Location).join(Location, col(Location.id) == Team.location_id)
                        .where(col(Team.id).in_(team_ids)).order_by(Team.name)).all()
    members: dict[int, set[int]] = {}
    for link in session.exec(select(StaffTeam).where(col(StaffTeam.team_id).in_(team_ids))).all():
        members.setdefault(link.staff_id, set()).add(link.team_id)
    workers = session.exec(select(Staff).where(col(Staff.id).in_(set(members) | {current} - {None}))
                           .order_by(Staff.last_name, Staff.first_name)).all()
    return CustomerChoices(
        tuple(TeamChoice(team.id, team.name, location.name) for team, location in rows),
        tuple(CaseWorkerChoice(staff.id, f'{staff.first_name} {staff.last_name}',
                               frozenset(members.get(staff.id, ())))
              for staff in workers if Role.CASEWORKER.value in staff.roles or staff.id == current))


def _assignable_teams(session: Session, actor: Actor | None) -> set[int]:
    if actor is None:
        return set()
    if Role.ADMIN in actor.roles:
        return set(session.exec(select(Team.id)).all())
    return set(actor.team_ids)


def _ensure_email_free(session: Session, email: str | None, account_id: int | None) -> None:
    """Sign-in e-mails are unique across customers and staff."""
    if email is None:
        return
    other = session.exec(select(Account.id).where(Account.email == email)).first()
    if other is not None and other != account_id:
        raise InvalidInput('form.email_taken')
