"""Erasing a customer (GDPR, Art. 17): the record, and through each capability's ``erase_customer`` step everything
that belongs to them (account and sign-ins, conversations, documents, notices), in one transaction; their stored
files are deleted after the commit, so no row ever names a missing file. The audit log keeps its entries (they
name the customer by id, without a reference) and gets one for the erasure.

The steps are composed in ``portal.services``: people knows no other capability.
"""
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlmodel import Session

from portal.audit import service as audit
from portal.core.clock import Clock
from portal.core.db import Database
from portal.identity.roles import Actor, Role
from portal.people.access import ensure_can_view_customer, require
from portal.people.models import Customer

Step = Callable[[Session, int], list[str]]  # deletes a capability's rows of the customer, returns file names


def _keep(names: Sequence[str]) -> None:
    """No store to delete from (a composition without files)."""


@dataclass(frozen=True)
class Erasure:
    """The capabilities' steps, and how their files are deleted once the rows are gone."""

    steps: tuple[Step, ...] = ()
    forget: Callable[[Sequence[str]], None] = field(default=_keep)


@dataclass(frozen=True)
class Erased:
    """Who was erased, and how many stored files went with them."""

    name: str
    customer_number: str
    files: int


class Erasing:
    """The erasing half of ``Customers`` (it provides ``_db``, ``_clock`` and ``_erasure``)."""

    _db: Database
    _clock: Clock
    _erasure: Erasure

    def erase(self, actor: Actor, customer_id: int) -> Erased:
        """Delete the customer and everything of theirs, for good (admins only); audited as ``customer.erase``."""
        require(actor, Role.ADMIN)
        with self._db.session() as session:
            customer = ensure_can_view_customer(actor, session.get(Customer, customer_id))
            erased = Erased(f'{customer.first_name} {customer.last_name}', customer.customer_number, 0)
            names = [name for step in self._erasure.steps for name in step(session, customer.id)]
            session.delete(customer)
            audit.record(session=session, actor=actor, action='customer.erase', at=self._clock(),
                         customer_id=customer_id, detail=f'customer_number={customer.customer_number}')
            session.commit()
        self._erasure.forget(names)
        return Erased(erased.name, erased.customer_number, len(names))
