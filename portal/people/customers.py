"""Customers: search, view and keep master data, with access checked and staff reads audited."""
import random

from sqlalchemy import ColumnElement, false, or_, update
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from portal.audit import service as audit
from portal.core.clock import Clock
from portal.core.db import Database
from portal.core.errors import Conflict, InvalidInput, NotAllowed, NotFound, PossibleDuplicate
from portal.identity.models import Account
from portal.identity.roles import STAFF_ROLES, Actor, Role
from portal.people.access import can_edit_customer, ensure_can_view_customer, require
from portal.people.customer_rules import CustomerDraft, checked_values, same_person
from portal.people.erasure import Erasing, Erasure
from portal.people.models import Customer, Location, Staff, StaffTeam, Team
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


class Customers(Erasing):
    def __init__(self, database: Database, clock: Clock, rng: random.Random | None = None, *,
                 erasure: Erasure | None = None) -> None:
        self._db = database
        self._clock = clock
        self._rng = rng or random.SystemRandom()
        self._erasure = erasure or Erasure()

    def search(self, actor: Actor, text: str = '') -> list[CustomerView]:
        """Customers the actor may see, matching name, customer or community number; the search is audited."""
        require(actor, *STAFF_ROLES)
        wanted = ' '.join(text.split())[:SEARCH_MAX]
        with self._db.session() as session:
            query = select(Customer).order_by(col(Customer.last_name), col(Customer.first_name), col(Customer.id))
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

    def create(self, actor: Actor, draft: CustomerDraft, *, confirmed: bool = False) -> CustomerView:
        """A new customer with an account to activate by letter.

        Refuses with ``InvalidFields`` (every problem at once), and, unless ``confirmed``, with
        ``PossibleDuplicate`` when the actor can see a customer with the same names and date of birth.
        """
        require(actor, Role.ADMIN, Role.CASEWORKER)
        with self._db.session() as session:
            values = self._checked(session, actor, draft)
            if not confirmed:
                self._refuse_duplicates(session, actor, draft)
            customer = Customer(customer_number=self._free_number(session), version=1, **values)
            session.add(customer)
            session.flush()
            session.add(Account(customer_id=customer.id, email=customer.email, language=customer.preferred_language,
                                created_at=self._clock()))
            audit.record(session=session, actor=actor, action='customer.create', at=self._clock(),
                         customer_id=customer.id)
            created = customer_view(customer)
            session.commit()
            return created

    def duplicates(self, actor: Actor, draft: CustomerDraft) -> list[CustomerView]:
        """Customers the actor may see with the draft's first and last name (case and spaces aside) and date of
        birth; each one shown is audited as ``customer.duplicate``."""
        require(actor, Role.ADMIN, Role.CASEWORKER)
        with self._db.session() as session:
            found = self._same_person(session, actor, draft)
            session.commit()
            return found

    def update(self, actor: Actor, customer_id: int, draft: CustomerDraft, version: int) -> CustomerView:
        """Refuses with Conflict when someone else saved the customer since the form was opened.

        The version is compared inside the UPDATE itself, so two saves racing each other cannot both win.
        """
        with self._db.session() as session:
            customer = ensure_can_view_customer(actor, session.get(Customer, customer_id))
            if not can_edit_customer(actor, customer):
                raise NotAllowed()
            account = session.exec(select(Account).where(Account.customer_id == customer.id)).one()
            values = self._checked(session, actor, draft, current=customer, account_id=account.id)
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

    def set_chat_notices(self, actor: Actor, on: bool) -> CustomerView:
        """The customer's own choice (nobody else's): an e-mail when a chat message has waited unread for them
        (``portal.chat.notices``). Turning it on needs an e-mail address."""
        if actor.customer_id is None:
            raise NotFound()
        with self._db.session() as session:
            customer = ensure_can_view_customer(actor, session.get(Customer, actor.customer_id))
            if on and not customer.email:
                raise InvalidInput('notices.need_email')
            customer.chat_notices = on  # not a version: a staff member editing the record meanwhile is not refused
            session.add(customer)
            session.commit()
            return customer_view(customer)

    def _viewed(self, session: Session, actor: Actor, customer_id: int) -> Customer:
        customer = ensure_can_view_customer(actor, session.get(Customer, customer_id))
        audit.record(session=session, actor=actor, action='customer.view', at=self._clock(),
                     customer_id=customer.id)
        return customer

    def _checked(self, session: Session, actor: Actor, draft: CustomerDraft, *, current: Customer | None = None,
                 account_id: int | None = None) -> dict:
        return checked_values(session, actor, draft, today=self._clock().date(), current=current,
                              account_id=account_id, new_number=self._community_number)

    def _same_person(self, session: Session, actor: Actor, draft: CustomerDraft) -> list[CustomerView]:
        if draft.date_of_birth is None:
            return []
        born = session.exec(_scoped(select(Customer).where(Customer.date_of_birth == draft.date_of_birth), actor)
                            .order_by(col(Customer.id))).all()
        found = same_person(draft.first_name, draft.last_name, list(born))
        for customer in found:
            audit.record(session=session, actor=actor, action='customer.duplicate', at=self._clock(),
                         customer_id=customer.id)
        return [customer_view(customer) for customer in found]

    def _refuse_duplicates(self, session: Session, actor: Actor, draft: CustomerDraft) -> None:
        """The warning names customers, so their display is audited: commit that before refusing."""
        found = self._same_person(session, actor, draft)
        if found:
            session.commit()
            raise PossibleDuplicate(tuple(found))

    def _free_number(self, session: Session) -> str:
        while True:
            number = f'{self._rng.randint(100, 999)}K{self._rng.randint(0, 999999):06d}'
            if session.exec(select(Customer.id).where(Customer.customer_number == number)).first() is None:
                return number

    def _community_number(self) -> str:
        return f'{self._rng.randint(10000, 99999)}BG{self._rng.randint(0, 9999999):07d}'


def _scoped(query: SelectOfScalar[Customer], actor: Actor) -> SelectOfScalar[Customer]:
    """Only customers the actor may see; somebody without team or location finds nobody."""
    if Role.ADMIN in actor.roles:
        return query
    conditions: list[ColumnElement[bool]] = []
    if Role.CASEWORKER in actor.roles and actor.team_ids:
        conditions.append(col(Customer.team_id).in_(actor.team_ids))
    if Role.RECEPTION in actor.roles and actor.location_id is not None:
        conditions.append(col(Customer.location_id) == actor.location_id)
    return query.where(or_(*conditions) if conditions else false())


def _choices(session: Session, actor: Actor | None, customer: Customer | None) -> CustomerChoices:
    """Teams the actor may assign (none when only viewing), always with the customer's current team and
    case worker, so the form can name them."""
    team_ids = _assignable_teams(session, actor)
    current = customer.case_worker_id if customer else None
    if customer is not None:
        team_ids.add(customer.team_id)
    rows = session.exec(select(Team, Location).join(Location, col(Location.id) == Team.location_id)
                        .where(col(Team.id).in_(team_ids)).order_by(col(Team.name))).all()
    members: dict[int, set[int]] = {}
    for link in session.exec(select(StaffTeam).where(col(StaffTeam.team_id).in_(team_ids))).all():
        members.setdefault(link.staff_id, set()).add(link.team_id)
    workers = session.exec(select(Staff).where(col(Staff.id).in_(set(members) | {current} - {None}))
                           .order_by(col(Staff.last_name), col(Staff.first_name))).all()
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
