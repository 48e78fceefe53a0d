"""Who the customer of a conversation is, beside the conversation on the staff page: name, number, language, case
worker, open document requests and recent documents (through ``portal.documents.summary``). Audited."""
from dataclasses import dataclass

from portal.audit import service as audit
from portal.chat.access import load
from portal.chat.part import Part
from portal.core.db import get_existing
from portal.core.errors import NotFound
from portal.documents.summary import DocumentSummary, summary
from portal.identity.roles import Actor
from portal.people.models import Customer, Staff, Team


@dataclass(frozen=True)
class CustomerContext:
    """``case_worker`` is empty when the customer has none; ``team_name`` is the customer's own team."""

    customer_id: int
    name: str
    customer_number: str
    language: str
    case_worker: str
    team_name: str
    documents: DocumentSummary


class ContextReading(Part):
    """Part of ``Chat``."""

    def context(self, actor: Actor, conversation_id: int) -> CustomerContext:
        """The customer of a conversation the actor may see (staff only), written to the audit log."""
        if not actor.is_staff or actor.customer_id is not None:
            raise NotFound()
        with self._db.session() as session:
            conversation = load(session, actor, conversation_id, self.rules)
            customer = get_existing(Customer, conversation.customer_id, session=session)
            worker = session.get(Staff, customer.case_worker_id) if customer.case_worker_id else None
            team = get_existing(Team, customer.team_id, session=session)
            found = CustomerContext(
                customer.id, f'{customer.first_name} {customer.last_name}', customer.customer_number,
                customer.preferred_language, f'{worker.first_name} {worker.last_name}' if worker else '', team.name,
                summary(session, customer.id))
            audit.record(session=session, actor=actor, action='chat.context', at=self._clock(),
                         customer_id=customer.id, detail=f'conversation={conversation.id}')
            session.commit()
            return found
