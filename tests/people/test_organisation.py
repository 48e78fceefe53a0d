"""Locations, teams and staff: kept by admins only, with clear messages for bad input."""
import pytest
from sqlmodel import select

from portal.core import validation
from portal.core.errors import InvalidInput, NotAllowed, NotFound
from portal.identity.auth import Step
from portal.identity.models import Account, LoginSession, RecoveryCode
from portal.people.organisation import LocationDraft, StaffDraft
from portal.services import Portal
from tests.support.personas import PASSWORD, World, actor_of, enrol_totp, make_world

HOURS = [[0, '08:00', '12:00'], [0, '13:00', '15:30'], [4, '08:00', '12:00']]


@pytest.fixture
def world(portal: Portal) -> World:
    return make_world(portal)


def new_staff(world: World, **changes: object) -> StaffDraft:
    return StaffDraft(**{'first_name': 'Paula', 'last_name': 'Neu', 'email': 'Paula.Neu@jobcenter.example',
                         'location_id': world.caseworker_a.location_id, 'roles': frozenset({'caseworker'}),
                         'team_ids': frozenset({world.citizen_a.team_id}), **changes})


def place(**changes: object) -> LocationDraft:
    return LocationDraft(**{'name': 'Außenstelle Süd', 'street': 'Am Markt 2', 'postcode': '12399',
                            'city': 'Südheim', 'hours': HOURS, **changes})


@pytest.mark.parametrize('person', ['caseworker_a', 'reception', 'citizen_a'])
def test_only_admins_keep_locations_teams_and_staff(portal: Portal, world: World, person: str) -> None:
    actor = actor_of(portal, getattr(world, person))
    with pytest.raises(NotAllowed):
        portal.organisation.overview(actor)
    with pytest.raises(NotAllowed):
        portal.organisation.save_location(actor, None, place())
    with pytest.raises(NotAllowed):
        portal.organisation.save_team(actor, None, 'Team C', world.citizen_a.location_id)
    with pytest.raises(NotAllowed):
        portal.organisation.save_staff(actor, None, new_staff(world))
    with pytest.raises(NotAllowed):
        portal.organisation.reset_second_factor(actor, world.caseworker_a.id)


def test_an_admin_sees_every_location_team_and_member_of_staff(portal: Portal, world: World) -> None:
    overview = portal.organisation.overview(actor_of(portal, world.admin))
    assert [location.name for location in overview.locations] == ['Geschäftsstelle Anderswo', 'Jobcenter Testhausen']
    assert [team.name for team in overview.teams] == ['Team A', 'Team B']
    carla = next(member for member in overview.staff if member.staff.id == world.caseworker_a.id)
    assert (carla.team_ids, carla.activated, carla.second_factor) == ((world.citizen_a.team_id,), True, False)


def test_an_admin_creates_a_member_of_staff_with_an_account_that_is_not_yet_activated(portal: Portal,
                                                                                      world: World) -> None:
    member = portal.organisation.save_staff(actor_of(portal, world.admin), None, new_staff(world))
    assert (member.staff.email, member.staff.roles, member.team_ids) == \
        ('paula.neu@jobcenter.example', ('caseworker',), (world.citizen_a.team_id,))
    assert not member.activated and not member.second_factor
    with portal.database.session() as session:
        account = session.exec(select(Account).where(Account.staff_id == member.staff.id)).one()
    assert (account.email, account.password_hash) == ('paula.neu@jobcenter.example', None)


def test_changing_a_member_replaces_roles_teams_and_the_sign_in_email(portal: Portal, world: World) -> None:
    admin = actor_of(portal, world.admin)
    changed = portal.organisation.save_staff(admin, world.caseworker_a.id, new_staff(
        world, first_name='Carla', last_name='Case', email='carla.case@jobcenter.example',
        roles=frozenset({'caseworker', 'reception', 'citizen'}), team_ids=frozenset({world.citizen_b.team_id})))
    assert (changed.staff.roles, changed.team_ids) == (('caseworker', 'reception'), (world.citizen_b.team_id,))
    assert portal.auth.login('carla.case@jobcenter.example', PASSWORD, '10.0.0.1').step == Step.ENROL


@pytest.mark.parametrize(('changes', 'key'), [
    ({'roles': frozenset()}, 'staff.role_required'),
    ({'roles': frozenset({'citizen'})}, 'staff.role_required'),
    ({'email': ''}, 'form.required'),
    ({'email': 'anna@example.org'}, 'form.email_taken'),
    ({'email': 'otto@jobcenter.example'}, 'form.taken'),
    ({'location_id': None}, 'form.required'),
    ({'team_ids': frozenset({999})}, 'form.invalid'),
    ({'last_name': 'x' * 81}, 'form.too_long'),
])
def test_bad_staff_input_is_refused_with_a_message(portal: Portal, world: World, changes: dict, key: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        portal.organisation.save_staff(actor_of(portal, world.admin), None, new_staff(world, **changes))
    assert refused.value.key == key
    assert 'paula.neu@jobcenter.example' not in [member.staff.email for member in
                                                 portal.organisation.overview(actor_of(portal, world.admin)).staff]


def test_an_admin_cannot_take_the_admin_role_from_themselves(portal: Portal, world: World) -> None:
    with pytest.raises(InvalidInput) as refused:
        portal.organisation.save_staff(actor_of(portal, world.admin), world.admin.id, new_staff(
            world, email=world.admin.email, roles=frozenset({'caseworker'})))
    assert refused.value.key == 'staff.keep_own_admin'


def test_resetting_the_second_factor_ends_sessions_and_recovery_codes(portal: Portal, world: World) -> None:
    enrol_totp(portal, world.caseworker_a.email)
    admin = actor_of(portal, world.admin)
    before = next(m for m in portal.organisation.overview(admin).staff if m.staff.id == world.caseworker_a.id)
    assert before.second_factor
    after = portal.organisation.reset_second_factor(admin, world.caseworker_a.id)
    assert not after.second_factor
    with portal.database.session() as session:
        account = session.exec(select(Account).where(Account.staff_id == world.caseworker_a.id)).one()
        live = session.exec(select(LoginSession).where(LoginSession.account_id == account.id,
                                                       LoginSession.revoked_at == None)).all()  # noqa: E711
        codes = session.exec(select(RecoveryCode).where(RecoveryCode.account_id == account.id)).all()
    assert (account.totp_secret, live, codes) == (None, [], [])
    assert portal.auth.login(world.caseworker_a.email, PASSWORD, '10.0.0.1').step == Step.ENROL


def test_resetting_the_second_factor_of_a_tampered_id_gives_not_found(portal: Portal, world: World) -> None:
    with pytest.raises(NotFound):
        portal.organisation.reset_second_factor(actor_of(portal, world.admin), 999_999)


def test_an_admin_saves_a_location_with_sorted_opening_hours(portal: Portal, world: World) -> None:
    saved = portal.organisation.save_location(actor_of(portal, world.admin), None, place(hours=list(reversed(HOURS))))
    assert saved.opening_hours == tuple(tuple(row) for row in HOURS)
    assert 'Außenstelle Süd' in [location.name for location in portal.organisation.locations()]


@pytest.mark.parametrize('hours', [
    [[0, '12:00', '08:00']], [[7, '08:00', '12:00']], [[0, '8 Uhr', '12:00']], [[0, None, '12:00']],
    [[0, '08:00']], [['Montag', '08:00', '12:00']], [[0, '08:00', '12:00'], [0, '11:00', '14:00']],
])
def test_bad_opening_hours_are_refused_with_a_message(portal: Portal, world: World, hours: list) -> None:
    with pytest.raises(InvalidInput) as refused:
        portal.organisation.save_location(actor_of(portal, world.admin), None, place(hours=hours))
    assert refused.value.key in {'form.hours_invalid', 'locations.hours_overlap'}


def test_html_typed_into_a_location_name_is_stored_as_text(portal: Portal, world: World) -> None:
    saved = portal.organisation.save_location(actor_of(portal, world.admin), None, place(name='<b>Süd</b>'))
    assert saved.name == '<b>Süd</b>'


def test_location_and_team_names_are_unique(portal: Portal, world: World) -> None:
    admin = actor_of(portal, world.admin)
    with pytest.raises(InvalidInput):
        portal.organisation.save_location(admin, None, place(name='Jobcenter Testhausen'))
    with pytest.raises(InvalidInput):
        portal.organisation.save_team(admin, None, 'Team A', world.citizen_a.location_id)


def test_an_admin_moves_a_team_with_its_customers_to_another_location(portal: Portal, world: World) -> None:
    admin = actor_of(portal, world.admin)
    moved = portal.organisation.save_team(admin, world.citizen_a.team_id, 'Team A', world.citizen_b.location_id)
    assert moved.location_id == world.citizen_b.location_id
    assert portal.customers.get(admin, world.citizen_a.id).location_id == world.citizen_b.location_id
    assert portal.customers.search(actor_of(portal, world.reception)) == []  # reception works at the old location
    with pytest.raises(InvalidInput):
        portal.organisation.save_team(admin, world.citizen_a.team_id, 'Team A', 999)
    with pytest.raises(NotFound):
        portal.organisation.save_team(admin, 999, 'Team Z', world.citizen_b.location_id)


@pytest.mark.parametrize('rows', [[[0, '08:00']], [['x', '08:00', '12:00']], [[0, None, '12:00']], [None]])
def test_malformed_opening_hours_get_a_message_not_a_crash(rows: list) -> None:
    with pytest.raises(InvalidInput) as problem:
        validation.opening_hours(rows)
    assert problem.value.key == 'form.hours_invalid'
