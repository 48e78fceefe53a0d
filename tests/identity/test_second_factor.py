"""The second factor of staff: enrolment by QR code, codes from the app, recovery codes."""
import pyotp
import pytest

from portal.core.errors import NotAllowed, TooManyAttempts, WrongCode
from portal.services import Portal
from tests.support.fakes import FakeClock
from tests.support.personas import PASSWORD, make_world

ADDRESS = '203.0.113.5'


def _enrolled(portal: Portal, clock: FakeClock) -> tuple[str, list[str], str]:
    world = make_world(portal)
    token = portal.auth.login(world.caseworker_a.email, PASSWORD, ADDRESS).token
    enrolment = portal.second_factor.start_enrolment(token)
    assert enrolment.uri.startswith('otpauth://totp/')
    codes = portal.second_factor.confirm_enrolment(token, pyotp.TOTP(enrolment.secret).at(clock()), ADDRESS)
    return enrolment.secret, codes, world.caseworker_a.email


def test_enrolment_with_a_correct_code_signs_in_and_gives_ten_recovery_codes(portal: Portal,
                                                                           clock: FakeClock) -> None:
    world = make_world(portal)
    token = portal.auth.login(world.caseworker_a.email, PASSWORD, ADDRESS).token
    enrolment = portal.second_factor.start_enrolment(token)
    with pytest.raises(WrongCode):
        portal.second_factor.confirm_enrolment(token, '000000', ADDRESS)
    codes = portal.second_factor.confirm_enrolment(token, pyotp.TOTP(enrolment.secret).at(clock()), ADDRESS)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert portal.auth.actor(token).staff_id == world.caseworker_a.id


def test_the_next_sign_in_asks_for_the_code_and_accepts_the_current_one(portal: Portal, clock: FakeClock) -> None:
    secret, _, email = _enrolled(portal, clock)
    clock.advance(minutes=1)
    token = portal.auth.login(email, PASSWORD, ADDRESS).token
    assert portal.auth.actor(token) is None
    portal.second_factor.verify(token, pyotp.TOTP(secret).at(clock()), ADDRESS)
    assert portal.auth.actor(token) is not None


def test_a_code_cannot_be_used_twice(portal: Portal, clock: FakeClock) -> None:
    secret, _, email = _enrolled(portal, clock)
    token = portal.auth.login(email, PASSWORD, ADDRESS).token
    with pytest.raises(WrongCode):
        portal.second_factor.verify(token, pyotp.TOTP(secret).at(clock()), ADDRESS)


def test_a_recovery_code_works_once(portal: Portal, clock: FakeClock) -> None:
    _, codes, email = _enrolled(portal, clock)
    first = portal.auth.login(email, PASSWORD, ADDRESS).token
    portal.second_factor.verify(first, codes[3].lower(), ADDRESS)
    assert portal.auth.actor(first) is not None
    second = portal.auth.login(email, PASSWORD, ADDRESS).token
    with pytest.raises(WrongCode):
        portal.second_factor.verify(second, codes[3], ADDRESS)


def test_guessing_codes_is_throttled(portal: Portal, clock: FakeClock) -> None:
    _, _, email = _enrolled(portal, clock)
    clock.advance(minutes=1)
    token = portal.auth.login(email, PASSWORD, ADDRESS).token
    for guess in range(5):
        with pytest.raises(WrongCode):
            portal.second_factor.verify(token, f'00000{guess}', ADDRESS)
    with pytest.raises(TooManyAttempts):
        portal.second_factor.verify(token, '123456', ADDRESS)


def test_a_citizen_session_has_no_second_factor_step(portal: Portal) -> None:
    world = make_world(portal)
    token = portal.auth.login(world.citizen_a.customer_number, PASSWORD, ADDRESS).token
    with pytest.raises(NotAllowed):
        portal.second_factor.start_enrolment(token)


def test_the_secret_is_stored_encrypted(portal: Portal, clock: FakeClock) -> None:
    secret, _, email = _enrolled(portal, clock)
    with portal.database.engine.connect() as connection:
        stored = connection.exec_driver_sql('SELECT totp_secret FROM account WHERE email = ?'
                                            if portal.database.engine.dialect.name == 'sqlite'
                                            else 'SELECT totp_secret FROM account WHERE email = %s', (email,)).scalar()
    assert stored and secret not in stored
