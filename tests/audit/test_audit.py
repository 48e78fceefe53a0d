"""The audit log: admins only, filtered by who, what, which customer and which days, read a page at a time."""
from datetime import UTC, date, datetime

import pytest

from portal.audit import service as audit
from portal.audit.service import KNOWN_ACTIONS, AuditFilter
from portal.core.errors import NotAllowed
from portal.services import Portal
from tests.support.fakes import FakeClock
from tests.support.personas import World, actor_of, make_world
from tests.support.rows import add_entries


@pytest.fixture
def world(portal: Portal) -> World:
    return make_world(portal)


def entries(portal: Portal, world: World, **wanted: object) -> list[tuple[str, str, str | None]]:
    rows = portal.audit_log.entries(actor_of(portal, world.admin), AuditFilter(**wanted)).rows
    return [(row.actor_name, row.action, row.customer_number) for row in rows if row.action != 'audit.view']


@pytest.mark.parametrize('person', ['caseworker_a', 'other_caseworker', 'reception', 'citizen_a', 'youth'])
def test_only_admins_read_the_audit_log(portal: Portal, world: World, person: str) -> None:
    actor = actor_of(portal, getattr(world, person))
    with pytest.raises(NotAllowed):
        portal.audit_log.entries(actor, AuditFilter())
    with pytest.raises(NotAllowed):
        portal.audit_log.actions(actor)


def test_entries_say_who_did_what_to_which_customer_newest_first(portal: Portal, world: World,
                                                                 clock: FakeClock) -> None:
    portal.customers.get(actor_of(portal, world.caseworker_a), world.citizen_a.id)
    clock.advance(minutes=5)
    portal.customers.get(actor_of(portal, world.other_caseworker), world.citizen_b.id)
    rows = portal.audit_log.entries(actor_of(portal, world.admin), AuditFilter()).rows
    assert [(row.actor_name, row.action, row.customer_number, row.at) for row in rows] == [
        ('Otto Other', 'customer.view', world.citizen_b.customer_number, clock.now),
        ('Carla Case', 'customer.view', world.citizen_a.customer_number, datetime(2026, 11, 23, 9, 0, tzinfo=UTC)),
    ]


def test_the_log_is_filtered_by_actor_action_and_customer(portal: Portal, world: World) -> None:
    carla, otto = actor_of(portal, world.caseworker_a), actor_of(portal, world.other_caseworker)
    portal.customers.search(carla, 'Al')
    portal.customers.get(carla, world.citizen_a.id)
    portal.customers.get(carla, world.youth.id)
    portal.customers.get(otto, world.citizen_b.id)
    a_number = world.citizen_a.customer_number
    assert entries(portal, world, actor_name='otto') == [('Otto Other', 'customer.view',
                                                          world.citizen_b.customer_number)]
    assert entries(portal, world, action='customer.search') == [('Carla Case', 'customer.search', None)]
    assert entries(portal, world, customer_id=world.citizen_a.id) == [('Carla Case', 'customer.view', a_number)]
    assert entries(portal, world, customer_number=f' {a_number.lower()} ') == [
        ('Carla Case', 'customer.view', a_number)]
    assert entries(portal, world, actor_name='%') == []


def test_days_are_whole_days_in_the_job_centre_s_time_zone(portal: Portal, world: World, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)  # already 24 November in Berlin
    portal.customers.get(actor_of(portal, world.caseworker_a), world.citizen_a.id)
    admin = actor_of(portal, world.admin)

    def on_days(first: date | None, last: date | None) -> int:
        found = portal.audit_log.entries(admin, AuditFilter.of_days(first, last, action='customer.view'))
        return len(found.rows)

    assert on_days(date(2026, 11, 24), date(2026, 11, 24)) == 1
    assert on_days(date(2026, 11, 23), date(2026, 11, 23)) == 0
    assert on_days(None, date(2026, 11, 23)) == 0
    assert on_days(date(2026, 11, 25), None) == 0
    assert on_days(None, None) == 1


def test_reading_the_log_is_itself_logged(portal: Portal, world: World) -> None:
    admin = actor_of(portal, world.admin)
    portal.audit_log.entries(admin, AuditFilter(customer_id=world.citizen_a.id))
    rows = portal.audit_log.entries(admin, AuditFilter(action='audit.view')).rows
    assert [(row.actor_name, row.customer_id) for row in rows] == [('Adam Admin', world.citizen_a.id)]


def test_the_filter_offers_the_known_actions_and_any_other_in_the_log(portal: Portal, world: World) -> None:
    with portal.database.session() as session:
        audit.record(session=session, actor=actor_of(portal, world.caseworker_a), action='appointment.book',
                     at=portal.clock())
        session.commit()
    actions = portal.audit_log.actions(actor_of(portal, world.admin))
    assert set(actions) == {*KNOWN_ACTIONS, 'appointment.book'}


def test_a_customer_s_own_actions_are_not_logged(portal: Portal, world: World) -> None:
    citizen = actor_of(portal, world.citizen_a)
    portal.customers.get(citizen, world.citizen_a.id)
    portal.customers.own(citizen)
    assert entries(portal, world) == []


def test_the_log_is_read_fifty_entries_at_a_time_newest_first(portal: Portal, world: World,
                                                              clock: FakeClock) -> None:
    add_entries(portal, world, 120, clock.now)
    admin, wanted = actor_of(portal, world.admin), AuditFilter(action='customer.view')
    first = portal.audit_log.entries(admin, wanted)
    assert [row.detail for row in first.rows] == [f'view {number}' for number in range(119, 69, -1)]
    assert (first.has_newer, first.has_older) == (False, True)
    second = portal.audit_log.entries(admin, wanted, first.older_offset)
    assert [row.detail for row in second.rows] == [f'view {number}' for number in range(69, 19, -1)]
    last = portal.audit_log.entries(admin, wanted, second.older_offset)
    assert [row.detail for row in last.rows] == [f'view {number}' for number in range(19, -1, -1)]
    assert (last.has_newer, last.has_older, last.newer_offset) == (True, False, 50)
    assert portal.audit_log.entries(admin, wanted, 73).offset == 50  # a made-up offset snaps to a page
    assert portal.audit_log.entries(admin, wanted, -5).offset == 0
