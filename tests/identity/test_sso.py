"""Single sign-on, service level: which verified identity signs in whom, and linking after activation."""
import pytest
from sqlmodel import select

from portal.core.errors import Conflict, NotAllowed
from portal.identity.auth import Step
from portal.identity.models import Account
from portal.identity.sso import PENDING_LIFETIME, Kind, NotLinked, SignOnFailed, SingleSignOn
from portal.people.models import Customer, Staff
from portal.services import Portal
from tests.support.fakes import FakeClock
from tests.support.personas import PASSWORD, enrol_totp, make_world

CITIZENS = 'https://id.bund.example'
DIRECTORY = 'https://login.landkreis.example/realms/staff'
ADDRESS = '198.51.100.7'


@pytest.fixture
def sso(portal: Portal) -> SingleSignOn:
    return SingleSignOn(portal.database, portal.auth, portal.clock, {Kind.CITIZEN: CITIZENS, Kind.STAFF: DIRECTORY})


def citizen(subject: str, **claims: object) -> dict[str, object]:
    return {'iss': CITIZENS, 'sub': subject, **claims}


def staff(subject: str, email: str, verified: object = True, **claims: object) -> dict[str, object]:
    return {'iss': DIRECTORY, 'sub': subject, 'email': email, 'email_verified': verified, **claims}


def account_of(portal: Portal, person: Customer | Staff) -> Account:
    column = Account.customer_id if isinstance(person, Customer) else Account.staff_id
    with portal.database.session() as session:
        return session.exec(select(Account).where(column == person.id)).one()


def disable(portal: Portal, person: Customer | Staff) -> None:
    account = account_of(portal, person)
    with portal.database.session() as session:
        account.disabled = True
        session.add(account)
        session.commit()


def link_citizen(portal: Portal, sso: SingleSignOn, person: Customer, subject: str) -> None:
    """As after activation: the customer is signed in and links the identity the provider vouched for."""
    token = portal.auth.login(person.customer_number, PASSWORD, ADDRESS).token
    sso.link(token, CITIZENS, subject, until=portal.clock() + PENDING_LIFETIME)


def test_a_linked_citizen_identity_signs_the_customer_in_without_a_second_step(portal: Portal,
                                                                              sso: SingleSignOn) -> None:
    world = make_world(portal)
    link_citizen(portal, sso, world.citizen_a, 'bund-4711')
    result = sso.sign_in(Kind.CITIZEN, citizen('bund-4711'), ADDRESS)
    assert result.step is Step.DONE
    assert portal.auth.actor(result.token).customer_id == world.citizen_a.id


def test_an_unknown_citizen_identity_is_not_linked_and_may_be_linked_for_a_while(portal: Portal, sso: SingleSignOn,
                                                                                 clock: FakeClock) -> None:
    make_world(portal)
    with pytest.raises(NotLinked) as raised:
        sso.sign_in(Kind.CITIZEN, citizen('bund-new'), ADDRESS)
    pending = raised.value.pending
    assert (pending.issuer, pending.subject, pending.until) == (CITIZENS, 'bund-new', clock() + PENDING_LIFETIME)


def test_a_citizen_identity_is_never_matched_by_e_mail_even_when_a_customer_has_that_address(
        portal: Portal, sso: SingleSignOn) -> None:
    world = make_world(portal)
    with pytest.raises(NotLinked):
        sso.sign_in(Kind.CITIZEN, citizen('bund-anna', email=world.citizen_a.email, email_verified=True), ADDRESS)


def test_staff_sign_in_by_verified_e_mail_still_needs_the_second_factor(portal: Portal, sso: SingleSignOn) -> None:
    world = make_world(portal)
    enrol_totp(portal, world.caseworker_a.email)
    enrolled = sso.sign_in(Kind.STAFF, staff('dir-carla', 'Carla@Jobcenter.example'), ADDRESS)
    fresh = sso.sign_in(Kind.STAFF, staff('dir-adam', world.admin.email), ADDRESS)
    assert (enrolled.step, fresh.step) == (Step.SECOND_FACTOR, Step.ENROL)
    assert portal.auth.actor(enrolled.token) is None and portal.auth.actor(fresh.token) is None
    assert portal.auth.pending_account(fresh.token).staff_id == world.admin.id


def test_the_first_staff_sign_in_links_the_directory_identity_which_then_counts_over_the_e_mail(
        portal: Portal, sso: SingleSignOn) -> None:
    world = make_world(portal)
    sso.sign_in(Kind.STAFF, staff('dir-carla', world.caseworker_a.email), ADDRESS)
    linked = account_of(portal, world.caseworker_a)
    assert (linked.oidc_issuer, linked.oidc_subject) == (DIRECTORY, 'dir-carla')
    renamed = sso.sign_in(Kind.STAFF, staff('dir-carla', 'carla.case@new-domain.example'), ADDRESS)
    assert portal.auth.pending_account(renamed.token).staff_id == world.caseworker_a.id


def test_another_directory_identity_with_a_linked_staff_members_e_mail_is_refused(portal: Portal,
                                                                                   sso: SingleSignOn) -> None:
    world = make_world(portal)
    sso.sign_in(Kind.STAFF, staff('dir-carla', world.caseworker_a.email), ADDRESS)
    with pytest.raises(SignOnFailed):
        sso.sign_in(Kind.STAFF, staff('dir-impostor', world.caseworker_a.email), ADDRESS)


@pytest.mark.parametrize('verified', [False, None, 'false', 1])
def test_staff_without_a_verified_e_mail_are_refused(portal: Portal, sso: SingleSignOn, verified: object) -> None:
    world = make_world(portal)
    with pytest.raises(SignOnFailed):
        sso.sign_in(Kind.STAFF, staff('dir-carla', world.caseworker_a.email, verified), ADDRESS)


def test_the_staff_directory_cannot_sign_in_a_customer_or_an_unknown_address(portal: Portal,
                                                                             sso: SingleSignOn) -> None:
    world = make_world(portal)
    for email in (world.citizen_a.email, 'nobody@jobcenter.example'):
        with pytest.raises(SignOnFailed):
            sso.sign_in(Kind.STAFF, staff(f'dir-{email}', email), ADDRESS)
    assert account_of(portal, world.citizen_a).oidc_subject is None


def test_a_provider_used_for_both_kinds_still_signs_in_staff_only_as_staff(portal: Portal) -> None:
    world = make_world(portal)
    shared = SingleSignOn(portal.database, portal.auth, portal.clock, {Kind.CITIZEN: DIRECTORY, Kind.STAFF: DIRECTORY})
    shared.sign_in(Kind.STAFF, staff('dir-carla', world.caseworker_a.email), ADDRESS)
    with pytest.raises(SignOnFailed):
        shared.sign_in(Kind.CITIZEN, {'iss': DIRECTORY, 'sub': 'dir-carla'}, ADDRESS)


def test_claims_from_another_issuer_or_without_a_subject_are_refused(portal: Portal, sso: SingleSignOn) -> None:
    world = make_world(portal)
    link_citizen(portal, sso, world.citizen_a, 'bund-4711')
    for claims in ({'iss': 'https://evil.example', 'sub': 'bund-4711'}, {'iss': CITIZENS}, {'sub': 'bund-4711'},
                   {'iss': CITIZENS, 'sub': 'x' * 301}):
        with pytest.raises(SignOnFailed):
            sso.sign_in(Kind.CITIZEN, claims, ADDRESS)

def test_a_configured_issuer_may_carry_a_trailing_slash_as_settings_give_it(portal: Portal, sso: SingleSignOn) -> None:
    world = make_world(portal)
    link_citizen(portal, sso, world.citizen_a, 'bund-4711')
    slashed = SingleSignOn(portal.database, portal.auth, portal.clock, {Kind.CITIZEN: CITIZENS + '/'})
    assert slashed.sign_in(Kind.CITIZEN, citizen('bund-4711'), ADDRESS).step is Step.DONE


def test_a_kind_without_a_configured_provider_signs_in_no_one(portal: Portal) -> None:
    world = make_world(portal)
    only_citizens = SingleSignOn(portal.database, portal.auth, portal.clock, {Kind.CITIZEN: CITIZENS})
    with pytest.raises(SignOnFailed):
        only_citizens.sign_in(Kind.STAFF, staff('dir-carla', world.caseworker_a.email), ADDRESS)


def test_disabled_accounts_are_refused_for_citizens_and_staff(portal: Portal, sso: SingleSignOn) -> None:
    world = make_world(portal)
    link_citizen(portal, sso, world.citizen_a, 'bund-4711')
    disable(portal, world.citizen_a)
    disable(portal, world.caseworker_a)
    with pytest.raises(SignOnFailed):
        sso.sign_in(Kind.CITIZEN, citizen('bund-4711'), ADDRESS)
    with pytest.raises(SignOnFailed):
        sso.sign_in(Kind.STAFF, staff('dir-carla', world.caseworker_a.email), ADDRESS)


def test_linking_needs_a_signed_in_customer(portal: Portal, sso: SingleSignOn) -> None:
    world = make_world(portal)
    staff_token = portal.auth.login(world.caseworker_a.email, PASSWORD, ADDRESS).token
    for token in (None, 'made-up', staff_token):
        with pytest.raises(NotAllowed):
            sso.link(token, CITIZENS, 'bund-4711', until=portal.clock() + PENDING_LIFETIME)


def test_a_pending_identity_expires_and_only_the_citizens_issuer_can_be_linked(portal: Portal, sso: SingleSignOn,
                                                                               clock: FakeClock) -> None:
    world = make_world(portal)
    token = portal.auth.login(world.citizen_a.customer_number, PASSWORD, ADDRESS).token
    with pytest.raises(SignOnFailed):
        sso.link(token, DIRECTORY, 'dir-carla', until=clock() + PENDING_LIFETIME)
    until = clock() + PENDING_LIFETIME
    clock.advance(minutes=31)
    with pytest.raises(SignOnFailed):
        sso.link(token, CITIZENS, 'bund-4711', until=until)
    assert account_of(portal, world.citizen_a).oidc_subject is None


def test_an_identity_linked_to_one_customer_cannot_be_linked_to_another(portal: Portal, sso: SingleSignOn) -> None:
    world = make_world(portal)
    link_citizen(portal, sso, world.citizen_a, 'bund-4711')
    with pytest.raises(Conflict):
        link_citizen(portal, sso, world.citizen_b, 'bund-4711')
    assert portal.auth.actor(sso.sign_in(Kind.CITIZEN, citizen('bund-4711'), ADDRESS).token).customer_id \
        == world.citizen_a.id
