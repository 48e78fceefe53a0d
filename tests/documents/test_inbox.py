"""The case workers' document inbox: order, filters and pages of fifty, decisions the customer sees, requests with
due dates."""
from datetime import date, timedelta

import pytest

from portal.core import validation
from portal.core.errors import Conflict, InvalidInput
from portal.documents import InboxFilter
from portal.identity.roles import Actor
from portal.services import Portal
from tests.support import capture
from tests.support.capture import send_now
from tests.support.fakes import FakeClock
from tests.support.personas import World, actor_of
from tests.support.rows import add_submissions


@pytest.fixture
def carla(portal: Portal, world: World) -> Actor:
    return actor_of(portal, world.caseworker_a)


def send(portal: Portal, actor: Actor, kind: str, request_id: int | None = None) -> int:
    return send_now(portal, actor, kind, request_id=request_id).id


def test_new_submissions_come_first_and_filters_narrow_the_list(portal: Portal, clock: FakeClock, anna: Actor,
                                                                carla: Actor) -> None:
    first = send(portal, anna, 'pay_slip')
    clock.advance(hours=1)
    second = send(portal, anna, 'bank_statement')
    clock.advance(hours=1)
    third = send(portal, anna, 'pay_slip')
    portal.inbox.accept(carla, third, version=1)
    assert [row.submission.id for row in portal.inbox.submissions(carla).rows] == [second, first, third]
    assert [row.submission.id for row in portal.inbox.submissions(carla, InboxFilter(kind='pay_slip')).rows] == \
        [first, third]
    accepted = portal.inbox.submissions(carla, InboxFilter(status='accepted')).rows
    assert [row.submission.id for row in accepted] == [third]
    with pytest.raises(InvalidInput):
        portal.inbox.submissions(carla, InboxFilter(status='lost'))


def test_asking_again_sets_status_and_reason_and_notifies_the_customer(portal: Portal, anna: Actor,
                                                                       carla: Actor) -> None:
    sent = send(portal, anna, 'pay_slip')
    decided = portal.inbox.ask_again(carla, sent, 'Die zweite Seite fehlt.', version=1)
    assert (decided.status, decided.reason) == ('resubmit', 'Die zweite Seite fehlt.')
    assert portal.documents.receipt(anna, sent).reason == 'Die zweite Seite fehlt.'
    [notice] = portal.documents.notifications(anna, unread_only=True)
    assert notice.key == 'documents.notice.resubmit'
    assert notice.params == {'kind': 'documents.kind.pay_slip', 'reason': 'Die zweite Seite fehlt.'}
    portal.documents.mark_read(anna, notice.id)
    assert portal.documents.notifications(anna, unread_only=True) == []


def test_asking_again_needs_a_reason(portal: Portal, anna: Actor, carla: Actor) -> None:
    sent = send(portal, anna, 'pay_slip')
    with pytest.raises(InvalidInput) as refused:
        portal.inbox.ask_again(carla, sent, '   ', version=1)
    assert refused.value.key == 'form.required'
    assert portal.documents.receipt(anna, sent).status == 'received'


def test_two_case_workers_deciding_at_once_get_a_conflict(portal: Portal, world: World, anna: Actor,
                                                          carla: Actor) -> None:
    sent = send(portal, anna, 'pay_slip')
    admin = actor_of(portal, world.admin)
    portal.inbox.accept(admin, sent, version=1)
    with pytest.raises(Conflict):
        portal.inbox.ask_again(carla, sent, 'Unscharf', version=1)
    assert portal.inbox.open(carla, sent).submission.status == 'accepted'


def test_a_request_shows_on_the_home_page_until_it_is_answered(portal: Portal, world: World, anna: Actor,
                                                               carla: Actor) -> None:
    request = portal.inbox.request(carla, world.citizen_a.id, 'pay_slip', date(2026, 11, 30), 'Oktober bitte')
    [shown] = portal.documents.open_requests(anna)
    assert (shown.id, shown.kind, shown.due_on, shown.message) == (request.id, 'pay_slip', date(2026, 11, 30),
                                                                    'Oktober bitte')
    [notice] = portal.documents.notifications(anna)
    assert (notice.key, notice.params) == ('documents.notice.request',
                                           {'kind': 'documents.kind.pay_slip', 'due_on': '2026-11-30'})
    sent = send(portal, anna, 'other', request_id=request.id)
    assert portal.documents.receipt(anna, sent).kind == 'pay_slip'  # the request's kind wins
    assert portal.documents.open_requests(anna) == []
    portal.inbox.ask_again(carla, sent, 'Unleserlich', version=1)
    assert [shown.id for shown in portal.documents.open_requests(anna)] == [request.id]


def test_a_request_is_due_today_or_later_in_berlin(portal: Portal, clock: FakeClock, world: World,
                                                   carla: Actor) -> None:
    clock.advance(hours=14, minutes=30)  # 23:30 UTC is already 24 November in Berlin
    with pytest.raises(InvalidInput) as refused:
        portal.inbox.request(carla, world.citizen_a.id, 'pay_slip', date(2026, 11, 23))
    assert refused.value.key == 'documents.error.due_date'
    assert portal.inbox.request(carla, world.citizen_a.id, 'pay_slip', date(2026, 11, 24)).is_open


def test_a_cancelled_request_leaves_the_home_page(portal: Portal, world: World, anna: Actor, carla: Actor) -> None:
    request = portal.inbox.request(carla, world.citizen_a.id, 'rental_contract', date(2026, 12, 1))
    cancelled = portal.inbox.cancel_request(carla, request.id)
    assert not cancelled.is_open
    assert portal.documents.open_requests(anna) == []
    assert [shown.id for shown in portal.inbox.requests(carla, world.citizen_a.id)] == [request.id]


async def test_staff_open_the_same_pdf_the_customer_sent(portal: Portal, anna: Actor, carla: Actor) -> None:
    sent = (await capture.sent(portal, anna)).id
    assert await portal.inbox.pdf(carla, sent) == await portal.documents.document_pdf(anna, sent)
    row = portal.inbox.open(carla, sent)
    assert (row.customer_name, row.submission.sheet_count) == ('Anna Alpha', 1)


def test_a_reason_may_span_several_lines_but_a_name_may_not() -> None:
    assert validation.text('Seite 2 fehlt.\nBitte alle Seiten senden.', 'documents.field.reason', maximum=500,
                           multiline=True).count('\n') == 1
    with pytest.raises(InvalidInput):
        validation.text('Anna\nAlpha', 'field.first_name', maximum=80)


def test_the_inbox_is_read_fifty_at_a_time_new_ones_first_and_only_the_own_teams(
        portal: Portal, world: World, clock: FakeClock, carla: Actor) -> None:
    received = add_submissions(portal, world.citizen_a.id, 52, clock.now)
    accepted = add_submissions(portal, world.citizen_a.id, 3, clock.now + timedelta(hours=2), status='accepted')
    add_submissions(portal, world.citizen_b.id, 60, clock.now)  # another team's customer
    first = portal.inbox.submissions(carla)
    assert [row.submission.id for row in first.rows] == received[:1:-1]
    assert (first.has_newer, first.has_older) == (False, True)
    second = portal.inbox.submissions(carla, InboxFilter(), first.older_offset)
    assert [row.submission.id for row in second.rows] == received[1::-1] + accepted[::-1]
    assert (second.has_newer, second.has_older) == (True, False)
    only_accepted = portal.inbox.submissions(carla, InboxFilter(status='accepted'))
    assert (len(only_accepted.rows), only_accepted.single_page) == (3, True)
