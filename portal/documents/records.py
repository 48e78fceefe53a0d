"""Database helpers shared by the customer and staff services: lookups with ownership, refusals, notices.

A lookup of something the actor may not see raises ``Hidden`` (a ``NotFound``); the public methods are
wrapped with ``logs_refusals``, which writes an audit entry ``document.not_found`` naming the object and
its id in a session of its own (the action's own transaction is rolled back), then raises a plain
``NotFound``. Customers' refusals are logged too: a tampered id is worth knowing about whoever sends it.
"""
import functools
from collections.abc import Callable
from datetime import datetime
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from sqlalchemy import update
from sqlmodel import Session, col, delete, select

from portal.audit import service as audit
from portal.core.clock import Clock
from portal.core.db import Database
from portal.core.errors import Conflict, NotAllowed, NotFound
from portal.documents.models import Draft, Notification, Scan, Submission
from portal.identity.roles import Actor

P = ParamSpec('P')
R = TypeVar('R')


class Audited(Protocol):
    """A service whose refusals ``logs_refusals`` can write down."""

    @property
    def _db(self) -> Database: ...

    @property
    def _clock(self) -> Clock: ...


S = TypeVar('S', bound=Audited)


class Hidden(NotFound):
    """Not found for this actor; ``what`` and ``object_id`` go to the audit log."""

    def __init__(self, what: str, object_id: object) -> None:
        super().__init__(f'{what} {object_id}')
        self.what = what
        self.object_id = object_id


def logs_refusals(method: Callable[Concatenate[S, Actor, P], R]) -> Callable[Concatenate[S, Actor, P], R]:
    """Turn ``Hidden`` into an audit entry plus ``NotFound`` (for methods taking the actor first)."""
    @functools.wraps(method)
    def wrapper(service: S, actor: Actor, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(service, actor, *args, **kwargs)
        except Hidden as hidden:
            log_refusal(service._db, actor, hidden, service._clock())
            raise NotFound() from None
    return wrapper


def log_refusal(database: Database, actor: Actor, hidden: Hidden, at: datetime) -> None:
    with database.session() as session:
        audit.record(session=session, actor=actor, action='document.not_found', at=at,
                     detail=f'{hidden.what} {hidden.object_id}', customers_too=True)
        session.commit()


def customer_of(actor: Actor | None) -> int:
    """The acting customer's id; staff and anonymous callers are not allowed on the customer side."""
    if actor is None or actor.customer_id is None:
        raise NotAllowed()
    return actor.customer_id


def own_draft(session: Session, actor: Actor, draft_id: int | None) -> Draft:
    draft = session.get(Draft, draft_id) if draft_id is not None else None
    if draft is None or draft.customer_id != customer_of(actor):
        raise Hidden('draft', draft_id)
    return draft


def own_scan(session: Session, actor: Actor, scan_id: int) -> tuple[Draft, Scan]:
    scan = session.get(Scan, scan_id)
    draft = session.get(Draft, scan.draft_id) if scan is not None else None
    if scan is None or draft is None or draft.customer_id != customer_of(actor):
        raise Hidden('scan', scan_id)
    return draft, scan


def own_submission(session: Session, actor: Actor, submission_id: int) -> Submission:
    found = session.get(Submission, submission_id)
    if found is None or found.customer_id != customer_of(actor):
        raise Hidden('submission', submission_id)
    return found


def scans_of(session: Session, draft_id: int) -> list[Scan]:
    return list(session.exec(select(Scan).where(Scan.draft_id == draft_id)
                             .order_by(col(Scan.position), col(Scan.id))))


def by_key(session: Session, customer_id: int, idempotency_key: str) -> Submission | None:
    return session.exec(select(Submission).where(Submission.customer_id == customer_id,
                                                 Submission.idempotency_key == idempotency_key)).first()


def notify(*, session: Session, customer_id: int, key: str, at: datetime, **params: object) -> None:
    """Tell the customer something; values that are catalogue keys are translated when shown."""
    session.add(Notification(customer_id=customer_id, key=key, params=params, created_at=at))


def bump(*, session: Session, draft: Draft, expected: int | None, at: datetime) -> int:
    """Move the draft's version on; returns the new version.

    With ``expected`` (the version the editor saw) the comparison happens inside the UPDATE, so two racing
    changes cannot both win: the later one gets ``Conflict``. Without it (adding a scan, which cannot
    overwrite anything) the version is simply counted up.
    """
    query = update(Draft).where(col(Draft.id) == draft.id)
    if expected is None:
        query = query.values(version=col(Draft.version) + 1, updated_at=at)
    else:
        query = query.where(col(Draft.version) == expected).values(version=expected + 1, updated_at=at)
    if session.exec(query).rowcount != 1:
        raise Conflict()
    session.refresh(draft)
    return draft.version


def drop_draft(session: Session, draft: Draft) -> list[str]:
    """Delete a draft and its scans' rows; returns the file names to delete once committed."""
    scans = scans_of(session, draft.id)
    session.execute(delete(Scan).where(col(Scan.draft_id) == draft.id))
    session.delete(draft)
    return [name for scan in scans for name in (scan.file_name, scan.preview_name)]
