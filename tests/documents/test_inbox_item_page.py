"""One document on the staff side as case workers work through the inbox, and what the customer then reads."""
import asyncio
from datetime import date, timedelta

import pytest
from nicegui import ui
from nicegui.testing import User

from portal.core.i18n import Translator
from portal.services import Portal
from tests.support.fakes import FakeClock
from tests.support.personas import PASSWORD, World, actor_of, make_world
from tests.support.rows import add_submissions
from tests.support.ui import choose, only, page_toasts, server_errors, sign_in, sign_in_staff, sign_out

pytestmark = pytest.mark.usefixtures('app_env')
ARABIC = Translator('ar')


@pytest.fixture
def world(portal: Portal) -> World:
    return make_world(portal)


def document_links(user: User) -> list[str]:
    return [link.props['href'] for link in sorted(user.find(kind=ui.link).elements, key=lambda link: link.id)
            if str(link.props.get('href', '')).startswith('/staff/documents/')]


async def arrived(user: User, path: str) -> None:
    """Wait until the page at ``path`` is open (``ui.navigate.to`` opens it in the background)."""
    for _ in range(100):
        if user.back_history and user.back_history[-1] == path:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f'{path} was not opened: {user.back_history}')


async def test_the_next_document_button_moves_on_within_the_filter_after_a_decision(
        user: User, portal: Portal, world: World, clock: FakeClock, caplog: pytest.LogCaptureFixture) -> None:
    older, newer = add_submissions(portal, world.citizen_a.id, 2, clock.now)
    add_submissions(portal, world.citizen_a.id, 1, clock.now, kind='letter')
    await sign_in_staff(user, portal, world.caseworker_a)
    await user.open('/staff/documents')
    page_toasts(user)
    choose(user, 'filter-kind', 'Lohn- oder Gehaltsabrechnung')
    await user.should_see('Gefunden: 2')
    first = document_links(user)[0]
    assert first == f'/staff/documents/{newer}?kind=pay_slip'
    await user.open(first)
    user.find(marker='accept').click()
    await user.should_see('Das Dokument ist angenommen.')
    assert only(user, 'saved-status').text == 'Das Dokument ist angenommen.'
    user.find(marker='next-document').click()
    await arrived(user, f'/staff/documents/{older}?kind=pay_slip')
    user.notify.messages.clear()  # the toast of this page's decision is to come
    user.find(marker='accept').click()
    await user.should_see('Das Dokument ist angenommen.')
    user.find(marker='next-document').click()
    await user.should_see('Es warten keine weiteren Dokumente auf eine Entscheidung.')
    assert only(user, 'saved-status').text == 'Es warten keine weiteren Dokumente auf eine Entscheidung.'
    await user.open(only(user, 'back-to-inbox').props['href'])
    assert next(iter(user.find(marker='filter-kind').elements)).value == 'pay_slip'
    assert server_errors(caplog) == []


async def test_the_customer_reads_the_standard_reason_in_their_language_and_the_message_marked_as_german(
        user: User, portal: Portal, world: World, clock: FakeClock) -> None:
    [sent] = add_submissions(portal, world.youth.id, 1, clock.now)  # Yusuf reads Arabic
    await sign_in_staff(user, portal, world.caseworker_a)
    await user.open(f'/staff/documents/{sent}')
    user.find(marker='ask-again').click()
    user.find('Eine Seite fehlt').click()
    user.find(marker='reason').type('Bitte auch die Rückseite.')
    user.find(marker='reason-send').click()
    await user.should_see('Grund für die neue Anforderung: Eine Seite fehlt')
    await sign_out(user)
    await sign_in(user, world.youth.customer_number, PASSWORD)
    await user.open('/?lang=ar')  # this browser was German for Carla
    reason = ARABIC('documents.reason.page_missing')
    await user.should_see(ARABIC('documents.notice.resubmit', kind=ARABIC('documents.kind.pay_slip'), reason=reason))
    await user.open('/documents')
    await user.should_see(ARABIC('capture.reason', reason=reason))
    with user.scope(marker='staff-note'):
        await user.should_see(ARABIC('capture.staff_note'))
        [note] = [label for label in user.find(kind=ui.label).elements if label.text == 'Bitte auch die Rückseite.']
    assert (note.props.get('lang'), note.props.get('dir')) == ('de', 'ltr')
    await user.should_not_see('documents.reason.')


async def test_withdrawing_a_request_confirms_it_without_an_error_in_the_log(
        user: User, portal: Portal, world: World, caplog: pytest.LogCaptureFixture) -> None:
    portal.inbox.request(actor_of(portal, world.caseworker_a), world.citizen_a.id, 'bank_statement',
                         date.today() + timedelta(days=7))
    await sign_in_staff(user, portal, world.caseworker_a)
    await user.open(f'/staff/documents?customer={world.citizen_a.id}')
    page_toasts(user)
    user.find(marker='cancel-request').click()
    await user.should_see('Die Anforderung ist zurückgezogen.')
    assert server_errors(caplog) == []


async def test_staff_and_the_customer_see_a_status_in_the_same_colour(user: User, portal: Portal, world: World,
                                                                      clock: FakeClock) -> None:
    [sent] = add_submissions(portal, world.citizen_a.id, 1, clock.now)
    portal.inbox.ask_again(actor_of(portal, world.caseworker_a), sent, 'Unscharf.', version=1)
    await sign_in_staff(user, portal, world.caseworker_a)
    await user.open(f'/staff/documents/{sent}')
    staff_colour = badge_colour(user, 'Bitte erneut senden')
    await sign_out(user)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.open('/documents')
    assert badge_colour(user, 'Bitte erneut senden') == staff_colour


def badge_colour(user: User, text: str) -> str:
    [badge] = [badge for badge in user.find(kind=ui.badge).elements if badge.text == text]
    return badge.props.get('color')
