"""The customer's list of sent documents: each one's status in words, and "send again" where it is asked for."""
from datetime import date

import pytest
from nicegui.testing import User

from portal.identity.roles import Actor
from portal.services import Portal
from tests.support.capture import send_now
from tests.support.personas import PASSWORD, World, actor_of
from tests.support.ui import sign_in

pytestmark = pytest.mark.usefixtures('app_env')



def send(portal: Portal, actor: Actor, kind: str, request_id: int | None = None) -> int:
    return send_now(portal, actor, kind, request_id=request_id).id


def chip_text(user: User, submission_id: int) -> str:
    (chip,) = user.find(marker=f'status-{submission_id}').elements
    return chip.text


async def test_each_sent_document_shows_its_status_in_words_and_only_the_one_asked_for_again_a_button(
        user: User, portal: Portal, world: World, anna: Actor) -> None:
    carla = actor_of(portal, world.caseworker_a)
    request = portal.inbox.request(carla, world.citizen_a.id, 'pay_slip', date(2026, 12, 18))
    waiting = send(portal, anna, 'bank_statement')
    accepted = send(portal, anna, 'rental_contract')
    portal.inbox.accept(carla, accepted, version=1)
    again = send(portal, anna, 'pay_slip', request_id=request.id)
    portal.inbox.ask_again(carla, again, 'Die zweite Seite fehlt.', version=1)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.open('/documents')
    await user.should_see(marker=f'receipt-{again}')
    assert [chip_text(user, sent) for sent in (waiting, accepted, again)] == \
        ['Eingegangen', 'Angenommen', 'Bitte erneut senden']
    await user.should_see(marker=f'send-again-{again}')
    for sent in (waiting, accepted):
        await user.should_not_see(marker=f'send-again-{sent}')


async def test_send_again_starts_a_capture_that_answers_the_reopened_request(user: User, portal: Portal,
                                                                            world: World, anna: Actor) -> None:
    carla = actor_of(portal, world.caseworker_a)
    request = portal.inbox.request(carla, world.citizen_a.id, 'pay_slip', date(2026, 12, 18))
    again = send(portal, anna, 'pay_slip', request_id=request.id)
    portal.inbox.ask_again(carla, again, 'Unscharf', version=1)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.open('/documents')
    user.find(marker=f'send-again-{again}').click()
    await user.should_see(marker='camera', retries=50)
    [draft] = portal.documents.overview(anna).drafts
    assert (draft.kind, draft.request_id) == ('pay_slip', request.id)


async def test_a_document_sent_again_says_so_and_offers_no_more_button(user: User, portal: Portal, world: World,
                                                                       anna: Actor) -> None:
    carla = actor_of(portal, world.caseworker_a)
    first = send(portal, anna, 'bank_statement')
    portal.inbox.ask_again(carla, first, 'Unscharf', version=1)
    second = send(portal, anna, 'bank_statement')
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.open('/documents')
    await user.should_see(marker=f'receipt-{second}')
    assert (chip_text(user, first), chip_text(user, second)) == ('Erneut gesendet', 'Eingegangen')
    await user.should_not_see(marker=f'send-again-{first}')
