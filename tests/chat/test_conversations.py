"""Starting, writing and reading conversations: routing, deduplication, order, unread counts, delivery states."""
import pytest

from portal.chat.models import TeamChat
from portal.chat.views import DELIVERED, READ, SENT, ConversationView
from portal.core.errors import InvalidInput, NotFound
from portal.factories import make_team
from portal.identity.roles import Actor
from portal.people.models import Location
from portal.services import Portal
from tests.support.fakes import FakeClock
from tests.support.personas import World


def test_a_concern_goes_to_the_team_of_the_customers_location_that_answers_it(portal: Portal, world: World,
                                                                              anna: Actor) -> None:
    with portal.database.session() as session:
        here = session.get(Location, world.citizen_a.location_id)
        assert here is not None
        u25 = make_team(session=session, location=here, name='Team U25 hier')
        session.add(TeamChat(team_id=u25.id, concerns=['u25']))
        session.commit()
        u25_id = u25.id
    youth_talk = portal.chat.start(anna, 'u25', 'Ich suche eine Ausbildung.', 'client-u25-01')
    own_talk = portal.chat.start(anna, 'benefits', 'Frage zum Geld', 'client-ben-01')
    assert youth_talk.team_id == u25_id
    assert own_talk.team_id == world.citizen_a.team_id  # nobody declared benefits: the customer's own team


def test_an_unknown_concern_is_refused(portal: Portal, anna: Actor) -> None:
    with pytest.raises(InvalidInput) as refused:
        portal.chat.start(anna, 'lottery', 'Hallo', 'client-0002')
    assert refused.value.key == 'chat.error.concern'


def test_a_message_sent_twice_is_stored_once(portal: Portal, anna: Actor, talk: ConversationView) -> None:
    first = portal.chat.post(anna, talk.id, 'Hallo?', 'client-again-1')
    second = portal.chat.post(anna, talk.id, 'Hallo?', 'client-again-1')
    again = portal.chat.start(anna, 'benefits', 'Wann kommt mein Geld?', 'client-0001')
    assert first.id == second.id
    assert again.id == talk.id
    assert [m.body for m in portal.chat.messages(anna, talk.id)] == ['Wann kommt mein Geld?', 'Hallo?']


def test_messages_come_in_order_and_a_page_catches_up_after_its_last_one(portal: Portal, anna: Actor, carla: Actor,
                                                                         talk: ConversationView,
                                                                         clock: FakeClock) -> None:
    seen = portal.chat.messages(anna, talk.id)
    for n in range(3):
        clock.advance(seconds=5)
        portal.chat.post(carla, talk.id, f'Antwort {n}', f'client-staff-{n:03}')
    later = portal.chat.messages(anna, talk.id, after=seen[-1].id)
    assert [m.body for m in later] == ['Antwort 0', 'Antwort 1', 'Antwort 2']


def test_unread_counts_follow_reading_on_both_sides(portal: Portal, anna: Actor, carla: Actor,
                                                    talk: ConversationView) -> None:
    listing = portal.chat.inbox(carla).rows
    assert [(row.id, row.unread) for row in listing] == [(talk.id, 1)]
    portal.chat.messages(carla, talk.id)
    assert portal.chat.inbox(carla).rows[0].unread == 0
    portal.chat.post(carla, talk.id, 'Am Monatsende.', 'client-staff-1')
    portal.chat.post(carla, talk.id, 'Bitte schicken Sie noch den Bescheid.', 'client-staff-2')
    assert portal.chat.unread(anna) == 2
    assert portal.chat.conversations(anna)[0].unread == 2
    portal.chat.messages(anna, talk.id)
    assert portal.chat.unread(anna) == 0


def test_the_customer_sees_sent_then_delivered_then_read(portal: Portal, anna: Actor, carla: Actor,
                                                         talk: ConversationView) -> None:
    assert portal.chat.messages(anna, talk.id)[0].state == SENT
    portal.chat.inbox(carla)  # listed in a staff inbox: it reached the team
    assert portal.chat.messages(anna, talk.id)[0].state == DELIVERED
    portal.chat.messages(carla, talk.id)
    assert portal.chat.messages(anna, talk.id)[0].state == READ


def test_without_read_receipts_the_customer_sees_delivered_at_most(portal: Portal, anna: Actor, carla: Actor,
                                                                   talk: ConversationView) -> None:
    portal.chat.rules = type(portal.chat.rules)(show_read=False)
    portal.chat.messages(carla, talk.id)
    assert portal.chat.messages(anna, talk.id)[0].state == DELIVERED


def test_internal_notes_never_reach_the_customer(portal: Portal, anna: Actor, carla: Actor,
                                                 talk: ConversationView) -> None:
    portal.chat.post(carla, talk.id, 'Kundin hat schon angerufen.', 'client-note-1', note=True)
    assert [m.body for m in portal.chat.messages(anna, talk.id)] == ['Wann kommt mein Geld?']
    assert portal.chat.unread(anna) == 0
    staff_sees = portal.chat.messages(carla, talk.id)
    assert [(m.kind, m.author_name) for m in staff_sees][-1] == ('note', 'Carla Case')
    with pytest.raises(NotFound):
        portal.chat.post(anna, talk.id, 'sneaky', 'client-note-2', note=True)


def test_the_customer_sees_only_the_case_workers_name_and_otherwise_the_team(portal: Portal, world: World,
                                                                           anna: Actor, carla: Actor,
                                                                           talk: ConversationView) -> None:
    portal.chat.post(carla, talk.id, 'Hallo Frau Alpha', 'client-staff-9')
    assert portal.chat.messages(anna, talk.id)[-1].author_name == ''  # Carla is not yet her case worker
    with portal.database.session() as session:
        customer = session.merge(world.citizen_a)
        customer.case_worker_id = world.caseworker_a.id
        session.commit()
    assert portal.chat.messages(anna, talk.id)[-1].author_name == 'Carla Case'


@pytest.mark.parametrize('text, key', [('', 'chat.error.empty'), ('   \n\t ', 'chat.error.empty'),
                                       ('x' * 2001, 'chat.error.too_long')])
def test_empty_blank_and_overlong_messages_are_refused(portal: Portal, anna: Actor, talk: ConversationView,
                                                       text: str, key: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        portal.chat.post(anna, talk.id, text, 'client-bad-01')
    assert refused.value.key == key
    assert len(portal.chat.messages(anna, talk.id)) == 1


def test_a_tampered_client_id_is_refused(portal: Portal, anna: Actor, talk: ConversationView) -> None:
    with pytest.raises(InvalidInput):
        portal.chat.post(anna, talk.id, 'Hallo', '../../etc')


def test_posting_is_limited_per_minute_with_a_clear_message(portal: Portal, anna: Actor, talk: ConversationView,
                                                            clock: FakeClock) -> None:
    for n in range(14):  # the first message started the conversation
        portal.chat.post(anna, talk.id, f'Nachricht {n}', f'client-fast-{n:03}')
    with pytest.raises(InvalidInput) as refused:
        portal.chat.post(anna, talk.id, 'eine zu viel', 'client-fast-999')
    assert refused.value.key == 'chat.error.too_fast' and refused.value.params == {'count': 15}
    clock.advance(seconds=61)
    portal.chat.post(anna, talk.id, 'jetzt wieder', 'client-fast-1000')


def test_html_and_scripts_are_stored_as_the_text_typed(portal: Portal, anna: Actor, talk: ConversationView) -> None:
    payload = '<img src=x onerror=alert(1)> **bold** <script>alert(2)</script>'
    assert portal.chat.post(anna, talk.id, payload, 'client-html-01').body == payload
