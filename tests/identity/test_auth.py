"""Signing in with a password: sessions, throttling, sign-out and password changes."""
from datetime import timedelta

import pytest

from portal.core.errors import InvalidInput, LoginFailed, TooManyAttempts
from portal.identity.auth import Step
from portal.services import Portal
from tests.support.fakes import FakeClock
from tests.support.personas import PASSWORD, make_world

ADDRESS = '203.0.113.5'


def test_a_citizen_signs_in_with_the_customer_number_and_is_done(portal: Portal) -> None:
    world = make_world(portal)
    result = portal.auth.login(f' {world.citizen_a.customer_number.lower()} ', PASSWORD, ADDRESS)
    assert result.step == Step.DONE
    actor = portal.auth.actor(result.token)
    assert actor.customer_id == world.citizen_a.id
    assert actor.name == 'Anna Alpha'


def test_a_citizen_can_also_sign_in_with_the_e_mail_address(portal: Portal) -> None:
    make_world(portal)
    assert portal.auth.login('Anna@Example.org', PASSWORD, ADDRESS).step == Step.DONE


def test_a_young_customer_gets_the_youth_role(portal: Portal) -> None:
    world = make_world(portal)
    actor = portal.auth.actor(portal.auth.login(world.youth.customer_number, PASSWORD, ADDRESS).token)
    assert {role.value for role in actor.roles} == {'youth'}


def test_staff_are_not_signed_in_until_the_second_factor(portal: Portal) -> None:
    world = make_world(portal)
    result = portal.auth.login(world.caseworker_a.email, PASSWORD, ADDRESS)
    assert result.step == Step.ENROL
    assert portal.auth.actor(result.token) is None
    assert portal.auth.pending_account(result.token).staff_id == world.caseworker_a.id


def test_a_wrong_password_and_an_unknown_account_fail_the_same_way(portal: Portal) -> None:
    make_world(portal)
    with pytest.raises(LoginFailed) as wrong:
        portal.auth.login('anna@example.org', 'not the password', ADDRESS)
    with pytest.raises(LoginFailed) as unknown:
        portal.auth.login('nobody@example.org', 'not the password', ADDRESS)
    assert wrong.value.key == unknown.value.key


def test_five_failures_lock_the_identifier_for_a_while_known_or_not(portal: Portal, clock: FakeClock) -> None:
    make_world(portal)
    for identifier in ('anna@example.org', 'nobody@example.org'):
        for _ in range(5):
            with pytest.raises(LoginFailed):
                portal.auth.login(identifier, 'wrong password', ADDRESS)
        with pytest.raises(TooManyAttempts) as locked:
            portal.auth.login(identifier, PASSWORD, ADDRESS)
        assert locked.value.params['minutes'] == 15
    clock.advance(minutes=16)
    assert portal.auth.login('anna@example.org', PASSWORD, ADDRESS).step == Step.DONE


def test_one_address_trying_many_accounts_is_throttled(portal: Portal) -> None:
    make_world(portal)
    for number in range(20):
        with pytest.raises(LoginFailed):
            portal.auth.login(f'guess{number}@example.org', 'wrong password', ADDRESS)
    with pytest.raises(TooManyAttempts):
        portal.auth.login('anna@example.org', PASSWORD, ADDRESS)
    assert portal.auth.login('anna@example.org', PASSWORD, '198.51.100.7').step == Step.DONE


def test_a_session_ends_after_its_lifetime(portal: Portal, clock: FakeClock) -> None:
    world = make_world(portal)
    token = portal.auth.login(world.citizen_a.customer_number, PASSWORD, ADDRESS).token
    clock.advance(hours=11)
    assert portal.auth.actor(token) is not None
    clock.advance(hours=2)
    assert portal.auth.actor(token) is None


def test_signing_out_ends_the_session(portal: Portal) -> None:
    world = make_world(portal)
    token = portal.auth.login(world.citizen_a.customer_number, PASSWORD, ADDRESS).token
    portal.auth.logout(token)
    assert portal.auth.actor(token) is None


def test_a_made_up_token_is_nobody(portal: Portal) -> None:
    make_world(portal)
    assert portal.auth.actor('made-up-token') is None
    assert portal.auth.actor(None) is None


def test_changing_the_password_needs_the_old_one_and_signs_out_other_devices(portal: Portal) -> None:
    world = make_world(portal)
    phone = portal.auth.login(world.citizen_a.customer_number, PASSWORD, ADDRESS).token
    laptop = portal.auth.login(world.citizen_a.customer_number, PASSWORD, ADDRESS).token
    actor = portal.auth.actor(laptop)
    with pytest.raises(InvalidInput) as wrong_old:
        portal.auth.change_password(actor, 'not my password', 'a brand new password')
    assert wrong_old.value.key == 'auth.old_password_wrong'
    with pytest.raises(InvalidInput) as short:
        portal.auth.change_password(actor, PASSWORD, 'short')
    assert short.value.key == 'auth.password_too_short'
    portal.auth.change_password(actor, PASSWORD, 'a brand new password')
    assert portal.auth.actor(phone) is None
    assert portal.auth.actor(laptop) is not None
    with pytest.raises(LoginFailed):
        portal.auth.login(world.citizen_a.customer_number, PASSWORD, ADDRESS)
    assert portal.auth.login(world.citizen_a.customer_number, 'a brand new password', ADDRESS).token


def test_the_chosen_language_is_remembered_for_the_account(portal: Portal) -> None:
    world = make_world(portal)
    token = portal.auth.login(world.citizen_a.customer_number, PASSWORD, ADDRESS).token
    portal.auth.set_language(portal.auth.actor(token), 'fa')
    assert portal.auth.login(world.citizen_a.customer_number, PASSWORD, ADDRESS).language == 'fa'


def test_the_youth_role_ends_on_the_25th_birthday_without_anyone_acting(portal: Portal, clock: FakeClock) -> None:
    world = make_world(portal)
    born = world.youth.date_of_birth
    clock.now = clock.now.replace(year=born.year + 25, month=born.month, day=born.day) - timedelta(days=1)
    for expected in ('youth', 'citizen'):
        token = portal.auth.login(world.youth.customer_number, PASSWORD, ADDRESS).token
        assert {role.value for role in portal.auth.actor(token).roles} == {expected}
        clock.advance(days=1)
