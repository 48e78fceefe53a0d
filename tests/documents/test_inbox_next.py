"""Working through the inbox: standard reasons to send again, and the next document still to be handled."""
from datetime import timedelta

import pytest

from portal.core.errors import InvalidInput
from portal.documents import InboxFilter
from portal.documents.reasons import REASONS
from portal.identity.roles import Actor
from portal.services import Portal
from tests.support.fakes import FakeClock
from tests.support.personas import World, actor_of
from tests.support.rows import add_submissions


@pytest.fixture
def carla(portal: Portal, world: World) -> Actor:
    return actor_of(portal, world.caseworker_a)


def test_the_reason_to_send_again_is_a_standard_code_with_an_optional_message(portal: Portal, world: World,
                                                                               carla: Actor, clock: FakeClock) -> None:
    plain, noted = add_submissions(portal, world.citizen_a.id, 2, clock.now)
    assert portal.inbox.ask_again(carla, plain, version=1, code='unreadable').reason_code == 'unreadable'
    decided = portal.inbox.ask_again(carla, noted, 'Bitte mit Unterschrift.', version=1, code='incomplete')
    assert (decided.status, decided.reason_code, decided.reason) == ('resubmit', 'incomplete',
                                                                      'Bitte mit Unterschrift.')
    notices = portal.documents.notifications(actor_of(portal, world.citizen_a))
    assert sorted(notice.params['reason'] for notice in notices) == ['documents.reason.incomplete',
                                                                     'documents.reason.unreadable']


@pytest.mark.parametrize(('code', 'message', 'key'), [
    ('', '', 'form.required'), ('made_up', 'x', 'documents.error.reason'),
    ('other', ' ', 'documents.error.reason_other'),
])
def test_asking_again_without_a_known_reason_is_refused(portal: Portal, world: World, carla: Actor,
                                                        clock: FakeClock, code: str, message: str, key: str) -> None:
    [sent] = add_submissions(portal, world.citizen_a.id, 1, clock.now)
    with pytest.raises(InvalidInput) as refused:
        portal.inbox.ask_again(carla, sent, message, version=1, code=code)
    assert refused.value.key == key
    assert portal.inbox.open(carla, sent).submission.status == 'received'


def test_the_standard_reasons_are_fixed_codes_with_other_last() -> None:
    assert REASONS == ('unreadable', 'page_missing', 'wrong_document', 'expired', 'incomplete', 'other')


def test_the_next_document_follows_in_the_inbox_order_within_the_filter_and_wraps(
        portal: Portal, world: World, carla: Actor, clock: FakeClock) -> None:
    slips = add_submissions(portal, world.citizen_a.id, 3, clock.now)  # newest last: the inbox shows 2, 1, 0
    letter = add_submissions(portal, world.citizen_a.id, 1, clock.now - timedelta(hours=1), kind='letter')[0]
    done = add_submissions(portal, world.citizen_a.id, 1, clock.now, status='accepted')[0]
    foreign = add_submissions(portal, world.citizen_b.id, 1, clock.now)[0]  # Otto's team
    slips_only = InboxFilter(kind='pay_slip')
    assert portal.inbox.next_to_handle(carla, slips_only, slips[2]) == slips[1]
    assert portal.inbox.next_to_handle(carla, slips_only, slips[0]) == slips[2]  # from the top again
    assert portal.inbox.next_to_handle(carla, InboxFilter(), slips[0]) == letter
    assert portal.inbox.next_to_handle(carla, InboxFilter(customer_id=world.youth.id), slips[0]) is None
    assert done not in {portal.inbox.next_to_handle(carla, InboxFilter(), number) for number in (*slips, letter)}
    assert foreign not in {portal.inbox.next_to_handle(carla, InboxFilter(), number) for number in (*slips, letter)}
