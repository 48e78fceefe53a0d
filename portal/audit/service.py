"""The audit log of staff access to customer data: written inside the action's own transaction."""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, col, select

from portal.audit.models import AuditEntry
from portal.core.clock import Clock
from portal.core.db import Database
from portal.core.i18n import TIMEZONE
from portal.core.listing import Listing, fetch
from portal.identity.roles import Actor, Role
from portal.people.access import require
from portal.people.models import Customer

# Actions written by the customer and activation services; other services add theirs and show up in
# ``AuditLog.actions`` as soon as they occur.
KNOWN_ACTIONS = ('customer.search', 'customer.view', 'customer.create', 'customer.update', 'activation.issue',
                 'audit.view')


def record(*, session: Session, actor: Actor, action: str, at: datetime, customer_id: int | None = None,
           detail: str = '', customers_too: bool = False) -> None:
    """Add an entry for staff actors; a customer looking at their own data is not audited, but asking for an id
    that is not theirs is (``customers_too``)."""
    if not actor.is_staff and not customers_too:
        return
    session.add(AuditEntry(at=at, actor_account_id=actor.account_id, actor_name=actor.name[:170],
                           action=action, customer_id=customer_id, detail=detail[:500]))


@dataclass(frozen=True)
class AuditFilter:
    """What an admin narrows the log down to; empty fields do not filter. ``until`` is exclusive."""

    actor_name: str = ''
    action: str = ''
    customer_id: int | None = None
    customer_number: str = ''
    since: datetime | None = None
    until: datetime | None = None

    @classmethod
    def of_days(cls, first: date | None, last: date | None, *, actor_name: str = '', action: str = '',
                customer_id: int | None = None, customer_number: str = '') -> 'AuditFilter':
        """Whole days in the job centre's time zone, from the start of ``first`` to the end of ``last``."""
        since = datetime.combine(first, time(), TIMEZONE) if first else None
        until = datetime.combine(last + timedelta(days=1), time(), TIMEZONE) if last else None
        return cls(actor_name=actor_name, action=action, customer_id=customer_id, customer_number=customer_number,
                   since=since, until=until)


@dataclass(frozen=True)
class AuditRow:
    """Read model of one entry, with the customer number of the customer concerned."""

    at: datetime
    actor_name: str
    action: str
    customer_id: int | None
    customer_number: str | None
    detail: str


class AuditLog:
    """Reading the audit log is for admins only, and is itself audited."""

    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._clock = clock

    def entries(self, actor: Actor, wanted: AuditFilter, offset: int = 0) -> Listing[AuditRow]:
        """One page of the entries matching the filter, newest first, from ``offset`` (``Listing``)."""
        require(actor, Role.ADMIN)
        with self._db.session() as session:
            query = (select(AuditEntry, Customer.customer_number)
                     .join(Customer, col(Customer.id) == AuditEntry.customer_id, isouter=True)
                     .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc()))
            found, start, more = fetch(session, _filtered(query, wanted), offset)
            record(session=session, actor=actor, action='audit.view', at=self._clock(),
                   customer_id=wanted.customer_id)
            session.commit()
            return Listing(tuple(AuditRow(entry.at, entry.actor_name, entry.action, entry.customer_id, number,
                                          entry.detail) for entry, number in found), start, more)

    def actions(self, actor: Actor) -> list[str]:
        """Every action the filter can offer: the known ones and any other found in the log."""
        require(actor, Role.ADMIN)
        with self._db.session() as session:
            logged = session.exec(select(AuditEntry.action).distinct()).all()
        return sorted(set(KNOWN_ACTIONS) | set(logged))


def _filtered(query, wanted: AuditFilter):
    if wanted.actor_name.strip():
        query = query.where(col(AuditEntry.actor_name).icontains(wanted.actor_name.strip(), autoescape=True))
    if wanted.action:
        query = query.where(AuditEntry.action == wanted.action)
    if wanted.customer_id is not None:
        query = query.where(AuditEntry.customer_id == wanted.customer_id)
    if wanted.customer_number.strip():
        query = query.where(Customer.customer_number == wanted.customer_number.strip().upper())
    if wanted.since:
        query = query.where(AuditEntry.at >= wanted.since)
    if wanted.until:
        query = query.where(AuditEntry.at < wanted.until)
    return query
