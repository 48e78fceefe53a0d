"""A citizen and a case worker in one test, each in their own (simulated) browser: the citizen's message reaches the
staff pages live with the unread count, an internal note stays with staff, a canned reply goes in in Arabic."""
from collections.abc import AsyncIterator

import httpx
import pytest
from nicegui import core
from nicegui.testing import User

from components.chat.thread import Thread
from portal.identity.roles import Actor
from portal.people.models import Customer
from portal.services import Portal
from tests.chat.conftest import post, shown
from tests.support.personas import PASSWORD, World, actor_of
from tests.support.simulation import patient
from tests.support.ui import eventually, only, sign_in, sign_in_staff

pytestmark = pytest.mark.usefixtures('app_env', 'one_events')


@pytest.fixture
async def citizen(user: User) -> AsyncIterator[User]:
    """A second browser on the same app (``user`` is the case worker's)."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(core.app), base_url='http://test') as client:
        yield patient(User(client))


async def test_the_citizens_message_reaches_the_staff_pages_live_and_counts_as_unread(
        user: User, citizen: User, portal: Portal, world: World, anna: Actor) -> None:
    talk = portal.chat.start(anna, 'benefits', 'Wann kommt mein Geld?', 'client-both-0001')
    await sign_in_staff(user, portal, world.caseworker_a)
    await user.open(f'/staff/chat/{talk.id}')  # read: nothing unread any more
    await user.should_see(marker='thread')
    await user.open('/staff/chat')
    await user.should_see('Nicht zugewiesen: 1')
    await user.should_not_see(marker='unread-unassigned')
    await sign_in(citizen, world.citizen_a.customer_number, PASSWORD)
    await citizen.open(f'/chat/{talk.id}')
    response = await post(citizen, talk.id, 'Ich habe noch eine Frage', 'client-both-0002')
    assert response.status_code in (200, 201)
    await user.should_see(marker='unread-unassigned')
    assert only(user, 'unread-unassigned').text == '1'
    await user.should_see('Ich habe noch eine Frage')
    await user.open(f'/staff/chat/{talk.id}')
    assert shown(user)[-1] == 'Ich habe noch eine Frage'


async def test_an_internal_note_stays_on_the_staff_page(user: User, citizen: User, portal: Portal, world: World,
                                                         anna: Actor) -> None:
    talk = portal.chat.start(anna, 'benefits', 'Wann kommt mein Geld?', 'client-both-0003')
    await sign_in(citizen, world.citizen_a.customer_number, PASSWORD)
    await citizen.open(f'/chat/{talk.id}')
    await sign_in_staff(user, portal, world.caseworker_a)
    await user.open(f'/staff/chat/{talk.id}')
    response = await post(user, talk.id, 'Intern: Bescheid ist raus', 'client-both-0004', note=True)
    assert response.status_code in (200, 201)
    answer = await post(user, talk.id, 'Ihr Bescheid ist unterwegs.', 'client-both-0005')
    assert answer.status_code in (200, 201)
    await citizen.should_see(marker='thread')
    await user.should_see(marker='thread')
    assert 'Intern: Bescheid ist raus' in await _eventually_shown(user, 'Ihr Bescheid ist unterwegs.')
    seen = await _eventually_shown(citizen, 'Ihr Bescheid ist unterwegs.')
    assert 'Intern: Bescheid ist raus' not in seen


async def test_a_canned_reply_goes_into_the_composer_in_the_customers_arabic(
        user: User, portal: Portal, world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    yusuf = actor_of(portal, world.youth)
    with portal.database.session() as session:
        youth = session.get(Customer, world.youth.id)
        assert youth is not None and youth.preferred_language == 'ar'
    talk = portal.chat.start(yusuf, 'other', 'سؤال عن المدرسة', 'client-both-0006')
    reply = portal.chat.save_canned_reply(actor_of(portal, world.admin), None, 'Begrüßung',
                                  {'de': 'Guten Tag {customer_name}', 'ar': 'مرحباً {customer_name}، معك {case_worker}'})
    inserted: list[str] = []
    monkeypatch.setattr(Thread, 'insert_text', lambda thread, text: inserted.append(text))
    await sign_in_staff(user, portal, world.caseworker_a)
    await user.open(f'/staff/chat/{talk.id}')
    user.find(marker='canned').click()
    await user.should_see('Begrüßung')
    user.find(marker=f'canned-{reply.id}').click()
    await eventually(lambda: bool(inserted))
    assert inserted == ['مرحباً Yusuf Young، معك Team A']


async def _eventually_shown(user: User, last: str) -> list[str]:
    await eventually(lambda: last in shown(user))
    return shown(user)
