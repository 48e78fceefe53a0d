"""A customer sees only their own conversations, staff only their teams'; missing and not-yours answer alike;
every staff read is audited."""
import pytest
from sqlmodel import select

from portal.audit.models import AuditEntry
from portal.chat.inbox import InboxFilter
from portal.chat.views import ConversationView
from portal.core.errors import NotFound
from portal.identity.roles import Actor
from portal.services import Portal
from tests.support.personas import World, actor_of


@pytest.mark.parametrize('conversation_id', ['own', 99_999])
def test_another_customer_gets_not_found_for_a_conversation_that_exists_or_not(
        portal: Portal, bernd: Actor, talk: ConversationView, conversation_id: object) -> None:
    wanted = talk.id if conversation_id == 'own' else int(str(conversation_id))
    for attempt in (lambda: portal.chat.messages(bernd, wanted), lambda: portal.chat.conversation(bernd, wanted),
                    lambda: portal.chat.post(bernd, wanted, 'Hallo', 'client-bernd-1'),
                    lambda: portal.chat.typing(bernd, wanted)):
        with pytest.raises(NotFound):
            attempt()
    assert portal.chat.conversations(bernd) == []


def test_staff_of_another_team_neither_see_nor_find_the_conversation(portal: Portal, otto: Actor,
                                                                      talk: ConversationView) -> None:
    with pytest.raises(NotFound):
        portal.chat.messages(otto, talk.id)
    with pytest.raises(NotFound):
        portal.chat.close(otto, talk.id, 'answered')
    assert portal.chat.inbox(otto).rows == ()
    assert portal.chat.inbox(otto, InboxFilter(search='Alpha')).rows == ()


def test_admins_see_every_team_only_when_the_job_centre_allows_it(portal: Portal, world: World,
                                                                   talk: ConversationView) -> None:
    admin = actor_of(portal, world.admin)
    assert [row.id for row in portal.chat.inbox(admin).rows] == [talk.id]
    portal.chat.rules = type(portal.chat.rules)(admins_see_all=False)
    with pytest.raises(NotFound):
        portal.chat.messages(admin, talk.id)


def test_customers_have_no_staff_inbox(portal: Portal, anna: Actor, talk: ConversationView) -> None:
    with pytest.raises(NotFound):
        portal.chat.inbox(anna)
    with pytest.raises(NotFound):
        portal.chat.assign(anna, talk.id, None)


def test_every_staff_read_and_reply_is_in_the_audit_log(portal: Portal, world: World, carla: Actor,
                                                        talk: ConversationView) -> None:
    portal.chat.messages(carla, talk.id)
    portal.chat.post(carla, talk.id, 'Gern.', 'client-staff-audit')
    portal.chat.inbox(carla, InboxFilter(search='anna'))
    with portal.database.session() as session:
        entries = session.exec(select(AuditEntry)).all()
    actions = [(entry.action, entry.customer_id) for entry in entries]
    assert ('chat.view', world.citizen_a.id) in actions
    assert ('chat.reply', world.citizen_a.id) in actions
    assert ('chat.search', None) in actions
