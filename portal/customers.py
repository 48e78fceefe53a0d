"""Customers: search, view and keep master data, with access checked and staff reads audited."""
import random
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_
from sqlmodel import Session, col, select

from portal import audit, validation
from portal.access import can_edit_customer, ensure_can_view_customer, require
from portal.clock import Clock
from portal.db import Database
from portal.errors import Conflict, InvalidInput, NotFound
from portal.i18n import LANGUAGES
from portal.models import Account, Customer, Location, Staff, Team
from portal.roles import STAFF_ROLES, Actor, Role

SEARCH_LIMIT = 50


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


def is_under_25(born: date, today: date) -> bool:
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age < 25


class Customers:
    def __init__(self, database: Database, clock: Clock, rng: random.Random | None = None) -> None:
        self._db = database
        self._clock = clock
        self._rng = rng or random.SystemRandom()

    def search(self, actor: Actor, text: str = '') -> list[Customer]:
        """Customers the actor may see, matching name or number; the search is audited."""
        require(actor, *STAFF_ROLES)
        wanted = text.strip()[:80]
        with self._db.session() as session:
            query = select(Customer).order_by(Customer.last_name, Customer.first_name)
            if wanted:
                like = f'%{wanted}%'
                query = query.where(or_(col(Customer.last_name).ilike(like), col(Customer.first_name).ilike(like),
                                        col(Customer.customer_number).ilike(like)))
            query = _scoped(query, actor)
            found = list(session.exec(query.limit(SEARCH_LIMIT)))
            audit.record(session=session, actor=actor, action='customer.search', at=self._clock(),
                         detail=wanted)
            session.commit()
            return found

    def get(self, actor: Actor, customer_id: int) -> Customer:
        with self._db.session() as session:
            customer = ensure_can_view_customer(actor, session.get(Customer, customer_id))
            audit.record(session=session, actor=actor, action='customer.view', at=self._clock(),
                         customer_id=customer.id)
            session.commit()
            return customer

    def create(self, actor: Actor, draft: CustomerDraft) -> Customer:
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
            session.commit()
            return customer

    def update(self, actor: Actor, customer_id: int, draft: CustomerDraft, version: int) -> Customer:
        """Refuses with Conflict when someone else saved the customer since the form was opened."""
        with self._db.session() as session:
            customer = ensure_can_view_customer(actor, session.get(Customer, customer_id))
            if not can_edit_customer(actor, customer):
                raise NotFound()
            if customer.version != version:
                raise Conflict()
            for name, value in self._checked(session, actor, draft).items():
                setattr(customer, name, value)
            customer.version += 1
            account = session.exec(select(Account).where(Account.customer_id == customer.id)).one()
            _ensure_email_free(session, customer.email, account.id)
            account.email = customer.email
            session.add_all([customer, account])
            audit.record(session=session, actor=actor, action='customer.update', at=self._clock(),
                         customer_id=customer.id)
            session.commit()
            return customer

    def own(self, actor: Actor) -> Customer:
        """The signed-in customer's own record."""
        if actor.customer_id is None:
            raise NotFound()
        with self._db.session() as session:
            return ensure_can_view_customer(actor, session.get(Customer, actor.customer_id))

    def _checked(self, session: Session, actor: Actor, draft: CustomerDraft) -> dict:
        team = session.get(Team, draft.team_id) if draft.team_id else None
        if team is None:
            raise InvalidInput('form.required', field='field.team')
        if Role.ADMIN not in actor.roles and team.id not in actor.team_ids:
            raise InvalidInput('customers.team_not_yours')
        if draft.case_worker_id is not None and session.get(Staff, draft.case_worker_id) is None:
            raise InvalidInput('form.invalid', field='field.case_worker')
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
                                             required=False) or self._community_number(),
        )

    def _free_number(self, session: Session) -> str:
        while True:
            number = f'{self._rng.randint(100, 999)}K{self._rng.randint(0, 999999):06d}'
            if session.exec(select(Customer.id).where(Customer.customer_number == number)).first() is None:
                return number

    def _community_number(self) -> str:
        return f'{self._rng.randint(10000, 99999)}BG{self._rng.randint(0, 9999999):07d}'


def _scoped(query, actor: Actor):
    if Role.ADMIN in actor.roles:
        return query
    conditions = []
    if Role.CASEWORKER in actor.roles and actor.team_ids:
        conditions.append(col(Customer.team_id).in_(actor.team_ids))
    if Role.RECEPTION in actor.roles and actor.location_id is not None:
        conditions.append(Customer.location_id == actor.location_id)
    if not conditions:
        raise NotFound()
    return query.where(or_(*conditions))


def location_of(session: Session, customer: Customer) -> Location | None:
    return session.get(Location, customer.location_id)


def _ensure_email_free(session: Session, email: str | None, account_id: int | None) -> None:
    """Sign-in e-mails are unique across customers and staff."""
    if email is None:
        return
    other = session.exec(select(Account.id).where(Account.email == email)).first()
    if other is not None and other != account_id:
        raise InvalidInput('form.email_taken')
