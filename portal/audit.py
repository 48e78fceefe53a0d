"""The audit log of staff access to customer data: written inside the action's own transaction."""
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from portal.access import require
from portal.clock import Clock
from portal.db import Database
from portal.models import AuditEntry
from portal.roles import Actor, Role

PAGE_SIZE = 200


def record(*, session: Session, actor: Actor, action: str, at: datetime, customer_id: int | None = None,
           detail: str = '') -> None:
    """Add an entry for staff actors; a customer looking at their own data is not audited."""
    if not actor.is_staff:
        return
    session.add(AuditEntry(at=at, actor_account_id=actor.account_id, actor_name=actor.name[:170],
                           action=action, customer_id=customer_id, detail=detail[:500]))


@dataclass(frozen=True)
class AuditFilter:
    actor_name: str = ''
    action: str = ''
    customer_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None


class AuditLog:
    """Reading the audit log is for admins only, and is itself audited."""

    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._clock = clock

    def entries(self, actor: Actor, wanted: AuditFilter) -> list[AuditEntry]:
        require(actor, Role.ADMIN)
        with self._db.session() as session:
            query = select(AuditEntry).order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
            if wanted.actor_name:
                query = query.where(col(AuditEntry.actor_name).icontains(wanted.actor_name))
            if wanted.action:
                query = query.where(AuditEntry.action == wanted.action)
            if wanted.customer_id is not None:
                query = query.where(AuditEntry.customer_id == wanted.customer_id)
            if wanted.since:
                query = query.where(AuditEntry.at >= wanted.since)
            if wanted.until:
                query = query.where(AuditEntry.at < wanted.until)
            entries = list(session.exec(query.limit(PAGE_SIZE)))
            record(session=session, actor=actor, action='audit.view', at=self._clock(),
                   customer_id=wanted.customer_id)
            session.commit()
            return entries
