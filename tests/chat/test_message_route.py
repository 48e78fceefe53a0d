"""The route the thread's outbox posts to: stored once per client id, the sender's own conversations only, from the
portal's own pages only, with translated refusals the page shows next to the message."""
import pytest
from nicegui.testing import User

from portal.chat.views import ConversationView
from portal.identity.roles import Actor
from portal.services import Portal
from tests.chat.conftest import post
from tests.support.personas import PASSWORD, World
from tests.support.ui import sign_in, sign_out

pytestmark = pytest.mark.usefixtures('app_env')


async def test_a_message_posted_twice_with_one_client_id_is_stored_once(user: User, portal: Portal, world: World,
                                                                        anna: Actor, talk: ConversationView) -> None:
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    first = await post(user, talk.id, 'Ist mein Antrag da?', 'outbox-0001-aaaa')
    again = await post(user, talk.id, 'Ist mein Antrag da?', 'outbox-0001-aaaa')
    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json()['message']['id'] == again.json()['message']['id']
    assert first.json()['message']['body'] == 'Ist mein Antrag da?'
    assert [m.body for m in portal.chat.messages(anna, talk.id)] == ['Wann kommt mein Geld?', 'Ist mein Antrag da?']


async def test_another_customers_conversation_is_not_found_like_a_missing_one(user: User, portal: Portal,
                                                                            world: World, bernd: Actor,
                                                                            talk: ConversationView) -> None:
    await sign_in(user, world.citizen_b.customer_number, PASSWORD)
    foreign = await post(user, talk.id, 'Hallo', 'outbox-0002-bbbb')
    missing = await post(user, talk.id + 1000, 'Hallo', 'outbox-0003-bbbb')
    assert (foreign.status_code, missing.status_code) == (404, 404)
    assert foreign.json() == missing.json() == {'message': 'Nicht gefunden.'}


async def test_a_post_from_another_site_or_without_sign_in_is_refused(user: User, portal: Portal, world: World,
                                                                    anna: Actor, talk: ConversationView) -> None:
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    elsewhere = await post(user, talk.id, 'Hallo', 'outbox-0004-cccc', headers={'Origin': 'https://evil.example'})
    assert elsewhere.status_code == 403
    await sign_out(user)
    signed_out = await post(user, talk.id, 'Hallo', 'outbox-0005-cccc')
    assert signed_out.status_code == 401
    assert [m.body for m in portal.chat.messages(anna, talk.id)] == ['Wann kommt mein Geld?']


async def test_refusals_are_translated_for_the_page_to_show_next_to_the_message(user: User, world: World,
                                                                               talk: ConversationView) -> None:
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.open('/chat?lang=en')  # the language chosen in this browser
    empty = await post(user, talk.id, '   ', 'outbox-0006-dddd')
    too_long = await post(user, talk.id, 'x' * 2001, 'outbox-0007-dddd')
    broken = await user.http_client.post(f'/api/chat/conversations/{talk.id}/messages', content=b'{not json',
                                         headers={'Origin': 'http://127.0.0.1:8080'})
    assert (empty.status_code, empty.json()['message']) == (422, 'Please write a message.')
    assert too_long.status_code == 422 and '2000' in too_long.json()['message']
    assert broken.status_code == 422 and 'reload' in broken.json()['message']


@pytest.fixture
def two_a_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('PORTAL_CHAT_MESSAGES_PER_MINUTE', '2')


async def test_too_many_messages_in_a_minute_are_answered_429_so_the_outbox_tries_later(
        two_a_minute: None, user: User, world: World, talk: ConversationView) -> None:
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    answers = [await post(user, talk.id, f'Nachricht {n}', f'outbox-rate-{n:04}') for n in range(3)]
    assert [answer.status_code for answer in answers] == [201, 201, 429]
    assert 'einer Minute' in answers[-1].json()['message']


async def test_a_customer_cannot_write_an_internal_note(user: User, portal: Portal, world: World, carla: Actor,
                                                        talk: ConversationView) -> None:
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    answer = await post(user, talk.id, 'Notiz?', 'outbox-0008-eeee', note=True)
    assert answer.status_code == 404
    assert [m.kind for m in portal.chat.messages(carla, talk.id)] == ['text']
