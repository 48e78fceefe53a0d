"""Rows added in bulk (rows only, no files) for the paging tests."""
import uuid
from datetime import datetime, timedelta

from portal.audit.models import AuditEntry
from portal.documents.models import Submission
from portal.services import Portal
from tests.support.personas import World, actor_of


def add_submissions(portal: Portal, customer_id: int, count: int, start: datetime, *, status: str = 'received',
                    kind: str = 'pay_slip') -> list[int]:
    """``count`` submissions of a customer, a minute apart (rows only: the list needs no files); their ids."""
    with portal.database.session() as session:
        rows = [Submission(customer_id=customer_id, kind=kind, sheet_count=1, size_bytes=1000, sha256='0' * 64,
                           file_name=uuid.uuid4().hex, receipt_name=uuid.uuid4().hex, status=status,
                           submitted_at=start + timedelta(minutes=number), idempotency_key=uuid.uuid4().hex)
                for number in range(count)]
        session.add_all(rows)
        session.commit()
        return [row.id for row in rows]


def add_entries(portal: Portal, world: World, count: int, start: datetime) -> None:
    """``count`` views of Anna's data by Carla, a minute apart; the detail says which one."""
    carla = actor_of(portal, world.caseworker_a)
    with portal.database.session() as session:
        session.add_all(AuditEntry(at=start + timedelta(minutes=number), actor_account_id=carla.account_id,
                                   actor_name=carla.name, action='customer.view', customer_id=world.citizen_a.id,
                                   detail=f'view {number}') for number in range(count))
        session.commit()


