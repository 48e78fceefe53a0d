"""The customer's start page as data: whom to contact and how, whether the office is open today (in Berlin), and
what to do next, each thing once and until it is done."""
from datetime import UTC, date, datetime

import pytest

from portal.core.errors import NotFound
from portal.core.i18n import Translator
from portal.documents import prepare_scan
from portal.identity.roles import Actor
from portal.people.hours import today_text
from portal.people.models import Customer, Location, Staff, Team
from portal.services import Portal
from tests.support.capture import send_now
from tests.support.fakes import FakeClock
from tests.support.personas import World, actor_of
from tests.support.photos import LIMITS, sheet_photo

PHOTO, _ = sheet_photo(600, 800)
PREPARED = prepare_scan(PHOTO, 'IMG.jpg', LIMITS)


def change(portal: Portal, model: type, row_id: int, **values: object) -> None:
    with portal.database.session() as session:
        row = session.get(model, row_id)
        for name, value in values.items():
            setattr(row, name, value)
        session.add(row)
        session.commit()


def send(portal: Portal, actor: Actor, kind: str, request_id: int | None = None) -> int:
    return send_now(portal, actor, kind, request_id=request_id).id


def test_the_case_worker_is_the_contact_with_their_direct_line_and_e_mail(portal: Portal, world: World,
                                                                          anna: Actor) -> None:
    change(portal, Staff, world.caseworker_a.id, phone='05121 309-4711')
    change(portal, Customer, world.citizen_a.id, case_worker_id=world.caseworker_a.id)
    change(portal, Team, world.citizen_a.team_id, phone='05121 309-4000', email='team-a@jobcenter.example')
    contact = portal.home.for_customer(anna).contact
    assert (contact.case_worker, contact.team) == ('Carla Case', 'Team A')
    assert (contact.phone, contact.email) == ('05121 309-4711', 'carla@jobcenter.example')
    assert contact.office.name == 'Jobcenter Testhausen'


def test_without_a_case_worker_the_team_then_the_office_is_the_way_in(portal: Portal, world: World,
                                                                      anna: Actor) -> None:
    change(portal, Team, world.citizen_a.team_id, phone='05121 309-4000')
    change(portal, Location, world.citizen_a.location_id, phone='05121 309-0', email='info@jobcenter.example')
    contact = portal.home.for_customer(anna).contact
    assert contact.case_worker is None
    assert (contact.phone, contact.email) == ('05121 309-4000', 'info@jobcenter.example')


@pytest.mark.parametrize(('moment', 'weekday'), [
    (datetime(2026, 11, 22, 22, 30, tzinfo=UTC), 6),  # Sunday 22:30 UTC is Sunday 23:30 in Berlin
    (datetime(2026, 11, 22, 23, 30, tzinfo=UTC), 0),  # Sunday 23:30 UTC is already Monday 00:30 in Berlin
    (datetime(2026, 11, 28, 10, 0, tzinfo=UTC), 5),  # Saturday
])
def test_today_is_the_day_in_berlin(portal: Portal, clock: FakeClock, anna: Actor, moment: datetime,
                                    weekday: int) -> None:
    clock.now = moment
    assert portal.home.for_customer(anna).contact.weekday == weekday


def test_open_today_or_closed_today_in_the_readers_language() -> None:
    rows = [[0, '08:00', '12:00'], [0, '14:00', '16:00'], [2, '08:00', '12:00']]
    assert today_text(Translator('de'), rows, 0) == 'Heute geöffnet: 08:00–12:00 Uhr, 14:00–16:00 Uhr'
    assert today_text(Translator('de'), rows, 5) == 'Heute geschlossen'
    assert today_text(Translator('ar'), rows, 2) == 'مفتوح اليوم: من 8:00 ص إلى 12:00 م'
    assert today_text(Translator('en'), rows, 6) == 'Closed today'


def test_a_document_to_send_again_is_listed_once_with_its_request_until_it_is_sent_again(
        portal: Portal, world: World, anna: Actor) -> None:
    carla = actor_of(portal, world.caseworker_a)
    request = portal.inbox.request(carla, world.citizen_a.id, 'pay_slip', date(2026, 12, 18))
    other = portal.inbox.request(carla, world.citizen_a.id, 'rental_contract', date(2026, 12, 20))
    sent = send(portal, anna, 'pay_slip', request_id=request.id)
    portal.inbox.ask_again(carla, sent, 'Die zweite Seite fehlt.', version=1)
    steps = portal.home.for_customer(anna).next
    [again] = steps.send_again
    assert (again.receipt.id, again.receipt.reason, again.request_id, again.due_on) == \
        (sent, 'Die zweite Seite fehlt.', request.id, date(2026, 12, 18))
    assert [shown.id for shown in steps.requests] == [other.id]  # the reopened request is not listed twice
    assert steps.notices == ()  # both notices said what the list says
    send(portal, anna, 'pay_slip', request_id=request.id)
    steps = portal.home.for_customer(anna).next
    assert steps.send_again == () and [shown.id for shown in steps.requests] == [other.id]


def test_a_document_sent_unasked_is_to_send_again_until_one_of_its_kind_is_sent(portal: Portal, world: World,
                                                                              anna: Actor) -> None:
    carla = actor_of(portal, world.caseworker_a)
    sent = send(portal, anna, 'bank_statement')
    portal.inbox.ask_again(carla, sent, 'Unscharf', version=1)
    send(portal, anna, 'pay_slip')
    assert [item.receipt.id for item in portal.home.for_customer(anna).next.send_again] == [sent]
    send(portal, anna, 'bank_statement')
    assert portal.home.for_customer(anna).next.nothing


def test_staff_have_no_customer_start_page(portal: Portal, world: World) -> None:
    with pytest.raises(NotFound):
        portal.home.for_customer(actor_of(portal, world.caseworker_a))
