"""Staff work a conversation: queues, assignment, transfer with a note, closing and reopening, presence."""
import pytest

from portal.chat.inbox import InboxFilter
from portal.chat.models import Conversation
from portal.chat.views import ConversationView
from portal.core.errors import Conflict, InvalidInput
from portal.identity.roles import Actor
from portal.services import Portal
from tests.support.fakes import FakeClock
from tests.support.personas import World


def queue(portal: Portal, actor: Actor, name: str) -> list[int]:
    return [row.id for row in portal.chat.inbox(actor, InboxFilter(name)).rows]


def test_the_longest_waiting_conversation_comes_first(portal: Portal, anna: Actor, carla: Actor,
                                                      world: World, clock: FakeClock) -> None:
    first = portal.chat.start(anna, 'benefits', 'erste Frage', 'client-q-0001')
    clock.advance(minutes=10)
    second = portal.chat.start(anna, 'other', 'zweite Frage', 'client-q-0002')
    clock.advance(minutes=10)
    portal.chat.post(carla, first.id, 'Antwort', 'client-q-0003')
    clock.advance(minutes=10)
    portal.chat.post(anna, first.id, 'Danke, noch was', 'client-q-0004')
    assert queue(portal, carla, 'waiting_us') == [second.id, first.id]
    assert queue(portal, carla, 'waiting_customer') == []


def test_assign_to_oneself_and_the_queues_follow(portal: Portal, carla: Actor, talk: ConversationView) -> None:
    assert queue(portal, carla, 'unassigned') == [talk.id]
    mine = portal.chat.assign(carla, talk.id, carla.staff_id, version=talk_version(portal, carla, talk))
    assert mine.assignee_name == 'Carla Case'
    assert queue(portal, carla, 'mine') == [talk.id]
    assert queue(portal, carla, 'unassigned') == []
    counts = {count.queue: (count.conversations, count.unread) for count in portal.chat.queue_counts(carla)}
    assert counts['mine'] == (1, 1) and counts['unassigned'] == (0, 0)


def talk_version(portal: Portal, actor: Actor, talk: ConversationView) -> int:
    with portal.database.session() as session:
        row = session.get(Conversation, talk.id)
        assert row is not None
        return row.version


def test_two_staff_assigning_at_once_get_a_conflict(portal: Portal, carla: Actor, talk: ConversationView) -> None:
    version = talk_version(portal, carla, talk)
    portal.chat.assign(carla, talk.id, carla.staff_id, version=version)
    with pytest.raises(Conflict):
        portal.chat.assign(carla, talk.id, None, version=version)


def test_only_members_of_the_team_can_be_assigned(portal: Portal, world: World, carla: Actor,
                                                  talk: ConversationView) -> None:
    with pytest.raises(InvalidInput):
        portal.chat.assign(carla, talk.id, world.other_caseworker.id)


def test_a_transfer_moves_the_conversation_and_leaves_a_note_the_customer_cannot_see(
        portal: Portal, world: World, anna: Actor, carla: Actor, otto: Actor, talk: ConversationView) -> None:
    portal.chat.transfer(carla, talk.id, team_b(portal, world),
                         'Bitte übernehmen: Umzug nach Anderswo')
    assert queue(portal, otto, 'unassigned') == [talk.id]
    assert queue(portal, carla, 'unassigned') == []
    customer_sees = portal.chat.messages(anna, talk.id)
    assert [(m.kind, m.body) for m in customer_sees][-1] == ('event', 'transferred')
    assert all('Umzug' not in m.body for m in customer_sees)
    assert any(m.kind == 'note' and 'Umzug' in m.body for m in portal.chat.messages(otto, talk.id))


def team_b(portal: Portal, world: World) -> int:
    return world.citizen_b.team_id


def test_close_with_a_reason_and_a_new_customer_message_reopens(portal: Portal, anna: Actor, carla: Actor,
                                                                talk: ConversationView) -> None:
    closed = portal.chat.close(carla, talk.id, 'answered')
    assert (closed.state, closed.close_reason) == ('closed', 'answered')
    assert queue(portal, carla, 'closed') == [talk.id]
    with pytest.raises(Conflict):
        portal.chat.close(carla, talk.id, 'answered')
    portal.chat.post(anna, talk.id, 'Doch noch eine Frage', 'client-reopen-1')
    assert portal.chat.conversation(anna, talk.id).state == 'open'
    assert queue(portal, carla, 'waiting_us') == [talk.id]


def test_an_unknown_close_reason_is_refused(portal: Portal, carla: Actor, talk: ConversationView) -> None:
    with pytest.raises(InvalidInput):
        portal.chat.close(carla, talk.id, 'bored')


def test_staff_reopen_a_closed_conversation(portal: Portal, carla: Actor, talk: ConversationView) -> None:
    portal.chat.close(carla, talk.id, 'no_reply')
    assert portal.chat.reopen(carla, talk.id).state == 'open'
