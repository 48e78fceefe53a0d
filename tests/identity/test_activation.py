"""Activation letters: who may issue them, and that a code expires, works once and is replaced by a newer one."""
from datetime import timedelta

import pytest
from sqlmodel import select

from portal.audit.models import AuditEntry
from portal.core.errors import ActivationFailed, NotAllowed, NotFound
from portal.identity.auth import Step
from portal.identity.models import ActivationCode
from portal.services import Portal
from tests.support.fakes import FakeClock
from tests.support.personas import World, actor_of, make_world

NEW_PASSWORD = 'a brand new password'


@pytest.fixture
def world(portal: Portal) -> World:
    return make_world(portal)


def test_the_case_worker_of_a_issues_a_letter_that_activates_the_account(portal: Portal, world: World) -> None:
    issued = portal.activation.issue_for_customer(actor_of(portal, world.caseworker_a), world.citizen_a.id)
    assert (issued.name, issued.identifier, issued.language) == ('Anna Alpha', world.citizen_a.customer_number, 'de')
    result = portal.activation.activate(world.citizen_a.customer_number, issued.code, NEW_PASSWORD, '10.0.0.1')
    assert result.step == Step.DONE
    assert portal.auth.login(world.citizen_a.customer_number, NEW_PASSWORD, '10.0.0.1').token


def test_the_code_is_accepted_without_dashes_and_in_small_letters(portal: Portal, world: World) -> None:
    issued = portal.activation.issue_for_customer(actor_of(portal, world.admin), world.youth.id)
    typed = issued.code.replace('-', ' ').lower()
    assert portal.activation.activate(world.youth.customer_number.lower(), typed, NEW_PASSWORD, '10.0.0.1').token


def test_a_code_expires_after_the_configured_days(portal: Portal, world: World, clock: FakeClock) -> None:
    issued = portal.activation.issue_for_customer(actor_of(portal, world.admin), world.citizen_a.id)
    assert issued.expires_at - issued.issued_at == timedelta(days=portal.settings.activation_days)
    clock.advance(days=portal.settings.activation_days, seconds=1)
    with pytest.raises(ActivationFailed):
        portal.activation.activate(world.citizen_a.customer_number, issued.code, NEW_PASSWORD, '10.0.0.1')


def test_a_code_still_works_just_before_it_expires(portal: Portal, world: World, clock: FakeClock) -> None:
    issued = portal.activation.issue_for_customer(actor_of(portal, world.admin), world.citizen_a.id)
    clock.advance(days=portal.settings.activation_days, seconds=-1)
    assert portal.activation.activate(world.citizen_a.customer_number, issued.code, NEW_PASSWORD, '10.0.0.1').token


def test_a_code_works_only_once(portal: Portal, world: World) -> None:
    issued = portal.activation.issue_for_customer(actor_of(portal, world.admin), world.citizen_a.id)
    portal.activation.activate(world.citizen_a.customer_number, issued.code, NEW_PASSWORD, '10.0.0.1')
    with pytest.raises(ActivationFailed):
        portal.activation.activate(world.citizen_a.customer_number, issued.code, 'another new password', '10.0.0.1')


def test_a_newer_letter_replaces_the_code_of_the_older_one(portal: Portal, world: World) -> None:
    admin = actor_of(portal, world.admin)
    older = portal.activation.issue_for_customer(admin, world.citizen_a.id)
    newer = portal.activation.issue_for_customer(admin, world.citizen_a.id)
    with pytest.raises(ActivationFailed):
        portal.activation.activate(world.citizen_a.customer_number, older.code, NEW_PASSWORD, '10.0.0.1')
    assert portal.activation.activate(world.citizen_a.customer_number, newer.code, NEW_PASSWORD, '10.0.0.1').token


def test_a_code_does_not_activate_another_customer(portal: Portal, world: World) -> None:
    issued = portal.activation.issue_for_customer(actor_of(portal, world.admin), world.citizen_a.id)
    with pytest.raises(ActivationFailed):
        portal.activation.activate(world.youth.customer_number, issued.code, NEW_PASSWORD, '10.0.0.1')


def test_only_the_hash_of_a_code_is_stored(portal: Portal, world: World) -> None:
    issued = portal.activation.issue_for_customer(actor_of(portal, world.admin), world.citizen_a.id)
    with portal.database.session() as session:
        stored = session.exec(select(ActivationCode)).one()
    assert issued.code not in stored.code_hash
    assert issued.code.replace('-', '') not in stored.code_hash


@pytest.mark.parametrize(('person', 'error'), [
    ('reception', NotAllowed), ('citizen_a', NotAllowed), ('citizen_b', NotAllowed), ('youth', NotAllowed),
    ('other_caseworker', NotFound),
])
def test_only_admins_and_the_team_s_case_workers_issue_customer_letters(portal: Portal, world: World, person: str,
                                                                         error: type) -> None:
    with pytest.raises(error):
        portal.activation.issue_for_customer(actor_of(portal, getattr(world, person)), world.citizen_a.id)


def test_a_tampered_customer_id_gives_not_found(portal: Portal, world: World) -> None:
    with pytest.raises(NotFound):
        portal.activation.issue_for_customer(actor_of(portal, world.admin), 999_999)


def test_issuing_a_customer_letter_is_audited(portal: Portal, world: World) -> None:
    portal.activation.issue_for_customer(actor_of(portal, world.caseworker_a), world.citizen_a.id)
    with portal.database.session() as session:
        entries = session.exec(select(AuditEntry)).all()
    assert [(entry.actor_name, entry.action, entry.customer_id) for entry in entries] == \
        [('Carla Case', 'activation.issue', world.citizen_a.id)]


@pytest.mark.parametrize('person', ['caseworker_a', 'reception', 'citizen_a'])
def test_only_admins_issue_staff_letters(portal: Portal, world: World, person: str) -> None:
    with pytest.raises(NotAllowed):
        portal.activation.issue_for_staff(actor_of(portal, getattr(world, person)), world.other_caseworker.id)


def test_a_staff_letter_uses_the_email_and_leads_to_enrolling_a_second_factor(portal: Portal, world: World) -> None:
    issued = portal.activation.issue_for_staff(actor_of(portal, world.admin), world.other_caseworker.id)
    assert (issued.identifier, issued.for_customer) == ('otto@jobcenter.example', False)
    result = portal.activation.activate('Otto@Jobcenter.example', issued.code, NEW_PASSWORD, '10.0.0.1')
    assert result.step == Step.ENROL


def test_a_tampered_staff_id_gives_not_found(portal: Portal, world: World) -> None:
    with pytest.raises(NotFound):
        portal.activation.issue_for_staff(actor_of(portal, world.admin), 999_999)
