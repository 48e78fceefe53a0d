"""The customer's chat pages with a case worker on the other side (acting through the services, which publish to
the same events as the app): starting a conversation, messages arriving live, the unread badge, the home page."""
import pytest
from nicegui.testing import User

from portal.chat.views import ConversationView
from portal.identity.roles import Actor
from portal.services import Portal
from tests.chat.conftest import post, shown, thread
from tests.support.personas import PASSWORD, World
from tests.support.ui import eventually, only, sign_in

pytestmark = pytest.mark.usefixtures('app_env')
BADGE = 'badge-chat.citizen.nav'


async def test_a_citizen_starts_a_conversation_by_choosing_a_concern(user: User, portal: Portal, world: World,
                                                                     anna: Actor) -> None:
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.open('/chat')
    await user.should_see('Sie haben noch kein Gespräch mit dem Jobcenter.')
    user.find(marker='new-conversation').click()
    await user.open('/chat/new')  # the button is a link
    user.find(marker='concern-benefits').click()
    await user.should_see('Es antwortet: Team A')
    user.find(marker='first-message').type('Wann kommt mein Geld?\nIch warte seit Montag.')
    user.find(marker='start').click()
    user.find(marker='start').click()  # a double tap
    await user.should_see(marker='thread')
    assert shown(user) == ['Wann kommt mein Geld?\nIch warte seit Montag.']
    assert len(portal.chat.conversations(anna)) == 1


async def test_without_a_concern_nothing_is_started(user: User, portal: Portal, world: World, anna: Actor) -> None:
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.open('/chat/new')
    user.find(marker='first-message').type('Hallo')
    user.find(marker='start').click()
    await user.should_see('Bitte wählen Sie ein Anliegen.')
    assert portal.chat.conversations(anna) == []


async def test_a_message_from_the_page_reaches_the_case_worker_and_the_reply_comes_back_live(
        one_events: None, user: User, portal: Portal, world: World, carla: Actor, talk: ConversationView) -> None:
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.open(f'/chat/{talk.id}')
    await user.should_see('Geldleistungen (Bürgergeld)')
    assert (await post(user, talk.id, 'Mein Antrag ist von Mai.', 'outbox-live-0001')).status_code == 201
    await eventually(lambda: shown(user)[-1:] == ['Mein Antrag ist von Mai.'], 'the own message was not shown')
    assert [m.body for m in portal.chat.messages(carla, talk.id)][-1] == 'Mein Antrag ist von Mai.'
    portal.chat.post(carla, talk.id, 'Danke, wir prüfen das.', 'staff-reply-0001')
    await eventually(lambda: shown(user)[-1:] == ['Danke, wir prüfen das.'], 'the reply did not arrive live')
    newest = only(user, 'thread').props['messages'][-1]
    assert (newest['author'], newest['kind']) == ('staff', 'text')


async def test_the_ticks_follow_the_case_worker_reading(one_events: None, user: User, portal: Portal, world: World,
                                                       carla: Actor, talk: ConversationView) -> None:
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.open(f'/chat/{talk.id}')
    await user.should_see(marker='thread')
    assert thread(user).props['marks'] == {'delivered': 0, 'read': 0}
    portal.chat.messages(carla, talk.id)  # Carla opens the conversation
    await eventually(lambda: thread(user).props['marks']['read'] == talk_first_id(portal, carla, talk),
                     'the read mark did not arrive')


def talk_first_id(portal: Portal, actor: Actor, talk: ConversationView) -> int:
    return portal.chat.messages(actor, talk.id, read=False)[0].id


async def test_an_internal_note_never_reaches_the_citizens_page(one_events: None, user: User, portal: Portal,
                                                                 world: World, carla: Actor,
                                                                 talk: ConversationView) -> None:
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.open(f'/chat/{talk.id}')
    await user.should_see(marker='thread')
    portal.chat.post(carla, talk.id, 'Kundin wirkt verärgert', 'staff-note-0001', note=True)
    portal.chat.post(carla, talk.id, 'Wir melden uns morgen.', 'staff-reply-0002')
    await eventually(lambda: shown(user)[-1:] == ['Wir melden uns morgen.'], 'the reply did not arrive')
    assert 'Kundin wirkt verärgert' not in shown(user)


async def test_the_chat_badge_counts_unread_messages_live(one_events: None, user: User, portal: Portal,
                                                         world: World, anna: Actor, carla: Actor,
                                                         talk: ConversationView) -> None:
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.open('/chat')
    await user.should_see(marker=f'conversation-{talk.id}')
    await user.should_not_see(marker=BADGE)
    portal.chat.post(carla, talk.id, 'Bitte schicken Sie den Bescheid.', 'staff-reply-0003')
    portal.chat.post(carla, talk.id, 'Danke!', 'staff-reply-0004')
    await user.should_see(marker=BADGE)
    assert only(user, BADGE).text == '2'
    await user.should_see(marker=f'unread-{talk.id}')  # the list is drawn again, too
    portal.chat.read(anna, talk.id)
    await user.should_not_see(marker=BADGE)


async def test_reading_on_the_conversation_page_clears_the_count(one_events: None, user: User, portal: Portal,
                                                                 world: World, anna: Actor, carla: Actor,
                                                                 talk: ConversationView) -> None:
    portal.chat.post(carla, talk.id, 'Haben Sie den Bescheid?', 'staff-reply-0005')
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.open(f'/chat/{talk.id}')
    await user.should_see(marker=BADGE)
    assert portal.chat.unread(anna) == 1  # opening alone does not count as read: the page may be hidden
    newest = thread(user).props['messages'][-1]['id']
    user.find(marker='thread').trigger('read', {'id': newest})  # the thread saw it on screen
    await user.should_not_see(marker=BADGE)
    assert portal.chat.unread(anna) == 0


async def test_the_home_page_tells_of_new_messages_and_links_to_the_conversation(user: User, portal: Portal,
                                                                                  world: World, carla: Actor,
                                                                                  talk: ConversationView) -> None:
    portal.chat.post(carla, talk.id, 'Bitte rufen Sie an.', 'staff-reply-0006')
    portal.chat.post(carla, talk.id, 'Oder schreiben Sie hier.', 'staff-reply-0007')
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.should_see('2 neue Nachrichten von Ihrem Jobcenter')
    assert only(user, f'home-chat-{talk.id}').props['href'] == f'/chat/{talk.id}'


async def test_the_conversation_page_in_arabic_is_right_to_left(user: User, world: World,
                                                               talk: ConversationView) -> None:
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    page = await user.http_client.get(f'/chat/{talk.id}?lang=ar')
    assert page.status_code == 200
    assert 'document.documentElement.dir="rtl"' in page.text
    assert 'المال' in page.text or 'الرسائل' in page.text  # the component's words in Arabic


async def test_another_customers_conversation_page_says_not_found(user: User, world: World,
                                                                 talk: ConversationView) -> None:
    await sign_in(user, world.citizen_b.customer_number, PASSWORD)
    await user.open(f'/chat/{talk.id}')
    await user.should_see('Nicht gefunden.')
    await user.should_not_see(marker='thread')


async def test_the_citizen_writing_tells_the_team_that_someone_types(one_events: None, user: User, portal: Portal,
                                                                     world: World, talk: ConversationView) -> None:
    heard: list[dict] = []
    portal.events.subscribe(f'conversation:{talk.id}', heard.append)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.open(f'/chat/{talk.id}')
    await user.should_see(marker='thread')
    user.find(marker='thread').trigger('typing')  # the composer's signal while the customer writes
    await eventually(lambda: {'kind': 'typing', 'side': 'customer'} in heard, 'the team heard no typing')


async def test_after_a_reconnect_the_page_catches_up_on_what_it_missed(user: User, portal: Portal, world: World,
                                                                      carla: Actor, talk: ConversationView) -> None:
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.open(f'/chat/{talk.id}')
    await user.should_see(marker='thread')
    last = thread(user).props['messages'][-1]['id']
    portal.chat.post(carla, talk.id, 'Während Sie offline waren', 'staff-missed-0001')  # no event reaches the app
    portal.chat.post(carla, talk.id, 'und noch etwas', 'staff-missed-0002')
    assert shown(user) == ['Wann kommt mein Geld?']
    user.find(marker='thread').trigger('catch_up', {'id': last})  # the browser's socket is back
    await eventually(lambda: shown(user) == ['Wann kommt mein Geld?', 'Während Sie offline waren', 'und noch etwas'],
                     'the page did not catch up in order')
