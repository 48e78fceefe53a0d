"""The document inbox as case workers use it: order and filters, the PDF in the page, decisions the citizen
sees, requests with due dates, and "not found" for everything outside their teams."""
from datetime import date, timedelta

import pytest
from nicegui import ui
from nicegui.testing import User
from nicegui.testing.user_interaction import UserInteraction
from sqlmodel import select

from portal.audit.models import AuditEntry
from portal.core.i18n import Translator
from portal.identity.roles import Actor
from portal.people.models import Customer, Staff
from portal.services import Portal
from tests.support.capture import send_now
from tests.support.fakes import FakeClock
from tests.support.personas import PASSWORD, World, actor_of, enrol_totp, make_world
from tests.support.rows import add_submissions
from tests.support.ui import sign_in

pytestmark = pytest.mark.usefixtures('app_env')
GERMAN = Translator('de')


@pytest.fixture
def world(portal: Portal) -> World:
    return make_world(portal)


def send(portal: Portal, citizen: Customer, kind: str) -> int:
    """The citizen sends a one-page document through the service; returns the submission's id."""
    return send_now(portal, actor_of(portal, citizen), kind).id


async def sign_in_as(user: User, portal: Portal, person: Staff | Customer) -> None:
    if isinstance(person, Customer):
        await sign_in(user, person.customer_number, PASSWORD)
    else:
        await sign_in(user, person.email, PASSWORD, totp_secret=enrol_totp(portal, person.email))


def listed(user: User) -> list[str]:
    """The documents linked from the inbox list, top to bottom."""
    links = [element for element in user.find(kind=ui.link).elements
             if str(element.props.get('href', '')).startswith('/staff/documents/')]
    return [link.props['href'] for link in sorted(links, key=lambda link: link.id)]


def choose(user: User, marker: str, option: str) -> None:
    """Open the select and click the option with exactly this label, as a person would."""
    select = next(iter(user.find(marker=marker).elements))
    UserInteraction(user, {select}, None).click()
    UserInteraction(user, {select}, option).click()
    assert select.options.get(select.value) == option, f'no option {option!r}'


def audited(portal: Portal, action: str) -> list[AuditEntry]:
    with portal.database.session() as session:
        return list(session.exec(select(AuditEntry).where(AuditEntry.action == action)))


async def test_the_case_worker_sees_the_documents_to_handle_first_and_filters_by_status(
        user: User, portal: Portal, world: World, clock: FakeClock) -> None:
    older = send(portal, world.citizen_a, 'pay_slip')
    clock.advance(hours=1)
    decided = send(portal, world.citizen_a, 'bank_statement')
    clock.advance(hours=1)
    newest = send(portal, world.citizen_a, 'rental_contract')
    send(portal, world.citizen_b, 'letter')  # another team's customer
    portal.inbox.accept(actor_of(portal, world.caseworker_a), decided, version=1)
    await sign_in_as(user, portal, world.caseworker_a)
    await user.open('/staff/documents')
    await user.should_see('Anna Alpha · ' + world.citizen_a.customer_number)
    await user.should_not_see('Bernd')
    assert next(iter(user.find(marker='filter-status').elements)).value == 'received'
    assert listed(user) == [f'/staff/documents/{newest}', f'/staff/documents/{older}']
    choose(user, 'filter-status', 'Angenommen')
    await user.should_see('Gefunden: 1')
    assert listed(user) == [f'/staff/documents/{decided}']
    choose(user, 'filter-status', 'Alle')
    await user.should_see('Gefunden: 3')
    assert listed(user) == [f'/staff/documents/{newest}', f'/staff/documents/{older}', f'/staff/documents/{decided}']
    choose(user, 'filter-kind', 'Mietvertrag')
    await user.should_see('Gefunden: 1')
    assert listed(user) == [f'/staff/documents/{newest}?kind=rental_contract']


async def test_a_long_inbox_is_shown_fifty_at_a_time_with_older_and_newer(user: User, portal: Portal,
                                                                         world: World, clock: FakeClock) -> None:
    ids = add_submissions(portal, world.citizen_a.id, 55, clock.now)
    await sign_in_as(user, portal, world.caseworker_a)
    await user.open('/staff/documents')
    await user.should_see('Einträge 1 bis 50')
    assert listed(user) == [f'/staff/documents/{number}' for number in ids[:4:-1]]
    assert not pager_button(user, 'newer').enabled
    user.find(marker='older').click()
    await user.should_see('Einträge 51 bis 55')
    assert listed(user) == [f'/staff/documents/{number}' for number in ids[4::-1]]
    assert not pager_button(user, 'older').enabled
    user.find(marker='newer').click()
    await user.should_see('Einträge 1 bis 50')
    user.find(marker='older').click()
    await user.should_see('Einträge 51 bis 55')
    choose(user, 'filter-kind', 'Lohn- oder Gehaltsabrechnung')  # a new filter starts on the first page again
    await user.should_see('Einträge 1 bis 50')


def pager_button(user: User, marker: str) -> ui.button:
    return next(iter(user.find(marker=marker).elements))


async def test_opening_a_document_is_audited_and_accepting_it_shows_on_the_citizens_receipt(
        user: User, portal: Portal, world: World) -> None:
    sent = send(portal, world.citizen_a, 'pay_slip')
    await sign_in_as(user, portal, world.caseworker_a)
    await user.open(f'/staff/documents/{sent}')
    await user.should_see('Lohn- oder Gehaltsabrechnung')
    await user.should_see('Eingegangen')
    frame = next(iter(user.find(marker='pdf-frame').elements))
    assert (frame.tag, frame.props['src'].split('#')[0]) == ('iframe', f'/api/inbox/{sent}/document.pdf')
    assert [entry.customer_id for entry in audited(portal, 'document.view')] == [world.citizen_a.id]
    user.find(marker='accept').click()
    await user.should_see('Das Dokument ist angenommen.')
    await user.should_see('Angenommen')
    assert portal.documents.receipt(actor_of(portal, world.citizen_a), sent).status == 'accepted'


async def test_asking_again_needs_a_reason_which_the_citizen_sees_and_is_notified_of(
        user: User, portal: Portal, world: World) -> None:
    sent = send(portal, world.citizen_a, 'pay_slip')
    await sign_in_as(user, portal, world.caseworker_a)
    await user.open(f'/staff/documents/{sent}')
    user.find(marker='ask-again').click()
    user.find(marker='reason-send').click()
    await user.should_see('Bitte füllen Sie „Grund“ aus.')
    user.find('Eine Seite fehlt').click()
    user.find(marker='reason').type('Die zweite Seite fehlt.')
    user.find(marker='reason-send').click()
    await user.should_see('Die neue Aufnahme ist angefordert. Die Kundin oder der Kunde wurde benachrichtigt.')
    await user.should_see('Grund für die neue Anforderung: Eine Seite fehlt')
    await user.should_see('Nachricht an die Kundin oder den Kunden: Die zweite Seite fehlt.')
    anna = actor_of(portal, world.citizen_a)
    receipt = portal.documents.receipt(anna, sent)
    assert (receipt.reason_code, receipt.reason) == ('page_missing', 'Die zweite Seite fehlt.')
    notices = portal.documents.notifications(anna)
    assert [(notice.key, notice.params['reason']) for notice in notices] == \
        [('documents.notice.resubmit', 'documents.reason.page_missing')]


async def test_a_decision_made_meanwhile_by_someone_else_gives_the_conflict_message(
        user: User, portal: Portal, world: World) -> None:
    sent = send(portal, world.citizen_a, 'pay_slip')
    await sign_in_as(user, portal, world.caseworker_a)
    await user.open(f'/staff/documents/{sent}')
    portal.inbox.ask_again(actor_of(portal, world.admin), sent, 'Unscharf.', version=1)
    user.find(marker='accept').click()
    await user.should_see('Jemand anderes hat diese Daten inzwischen geändert.', retries=20)
    assert portal.documents.receipt(actor_of(portal, world.citizen_a), sent).status == 'resubmit'


@pytest.mark.parametrize('persona', ['caseworker_a', 'admin'])
async def test_the_pdf_route_gives_the_team_and_admins_the_pdf_framable_by_this_site_only(
        user: User, portal: Portal, world: World, persona: str) -> None:
    sent = send(portal, world.citizen_a, 'pay_slip')
    await sign_in_as(user, portal, getattr(world, persona))
    response = await user.http_client.get(f'/api/inbox/{sent}/document.pdf')
    assert response.status_code == 200
    assert response.content.startswith(b'%PDF')
    headers = response.headers
    assert headers['content-type'] == 'application/pdf'
    assert headers['content-disposition'].startswith('inline')
    assert headers['cache-control'] == 'no-store'
    assert headers['content-security-policy'] == "default-src 'none'; frame-ancestors 'self'"
    assert headers['x-frame-options'] == 'SAMEORIGIN'
    download = await user.http_client.get(f'/api/inbox/{sent}/document.pdf?download=1')
    assert download.headers['content-disposition'].startswith('attachment')
    assert len(audited(portal, 'document.download')) == 2


@pytest.mark.parametrize('persona', ['other_caseworker', 'citizen_a', 'reception'])
async def test_the_pdf_route_is_not_found_for_anyone_but_the_team_and_admins(
        user: User, portal: Portal, world: World, persona: str) -> None:
    sent = send(portal, world.citizen_a, 'pay_slip')
    await sign_in_as(user, portal, getattr(world, persona))
    for path in (f'/api/inbox/{sent}/document.pdf', '/api/inbox/99999/document.pdf', '/api/inbox/x/document.pdf'):
        response = await user.http_client.get(path)
        assert response.status_code == 404, path
        assert not response.content.startswith(b'%PDF')


async def test_the_pdf_route_is_not_found_without_signing_in(user: User, portal: Portal, world: World) -> None:
    sent = send(portal, world.citizen_a, 'pay_slip')
    response = await user.http_client.get(f'/api/inbox/{sent}/document.pdf')
    assert response.status_code == 404


async def test_a_tampered_or_foreign_id_shows_not_found_and_is_logged(user: User, portal: Portal,
                                                                      world: World) -> None:
    foreign = send(portal, world.citizen_b, 'pay_slip')
    await sign_in_as(user, portal, world.caseworker_a)
    for tampered in (str(foreign), '99999', 'abc'):
        await user.open(f'/staff/documents/{tampered}')
        await user.should_see(marker='problem')
        await user.should_see('Nicht gefunden.')
        await user.should_not_see('Bernd')
    details = {entry.detail for entry in audited(portal, 'document.not_found')}
    assert {f'submission {foreign}', 'submission 99999', 'submission 0'} <= details
    await user.open(f'/staff/documents?customer={world.citizen_b.id}')
    await user.should_see('Nicht gefunden.')
    await user.should_not_see(marker='request-form')


async def test_a_request_due_in_the_past_gets_a_message_and_is_not_made(user: User, portal: Portal,
                                                                        world: World) -> None:
    await sign_in_as(user, portal, world.caseworker_a)
    await user.open(f'/staff/documents?customer={world.citizen_a.id}')
    await user.should_see('Nur Unterlagen von Anna Alpha')
    user.find(marker='request-send').click()
    await user.should_see('Bitte wählen Sie aus, welchen Nachweis Sie anfordern.')
    choose(user, 'request-kind', 'Kontoauszug')
    user.find(marker='request-due').type((date.today() - timedelta(days=1)).isoformat())
    user.find(marker='request-send').click()
    await user.should_see('Bitte wählen Sie ein Datum ab heute.')
    assert portal.documents.open_requests(actor_of(portal, world.citizen_a)) == []


async def test_a_request_reaches_the_citizens_open_requests_and_can_be_withdrawn(user: User, portal: Portal,
                                                                                 world: World) -> None:
    await sign_in_as(user, portal, world.caseworker_a)
    await user.open(f'/admin/customers/{world.citizen_a.id}')
    link = next(iter(user.find(marker='customer-documents').elements))
    await user.open(link.props['href'])
    due = date.today() + timedelta(days=14)
    choose(user, 'request-kind', 'Kontoauszug')
    user.find(marker='request-due').type(due.isoformat())
    user.find(marker='request-message').type('Bitte die letzten drei Monate.')
    user.find(marker='request-send').click()
    await user.should_see('Die Anforderung ist gespeichert. Die Kundin oder der Kunde wurde benachrichtigt.')
    await user.should_see(f'Fällig bis {GERMAN.date(due)}')
    anna: Actor = actor_of(portal, world.citizen_a)
    assert [(request.kind, request.due_on, request.message) for request in portal.documents.open_requests(anna)] \
        == [('bank_statement', due, 'Bitte die letzten drei Monate.')]
    user.find(marker='cancel-request').click()
    await user.should_see('Die Anforderung ist zurückgezogen.')
    await user.should_see('Keine offenen Anforderungen.')
    assert portal.documents.open_requests(anna) == []
