"""The customer form as staff fill it in: required fields are marked, every problem shows under its field at
once, and a customer who may exist already is named before a second record is made."""
import pytest
from nicegui.testing import User
from sqlmodel import select

from portal.people.models import Customer
from portal.services import Portal
from tests.support.personas import World, make_world
from tests.support.ui import choose, only, page_toasts, server_errors, sign_in_staff

pytestmark = pytest.mark.usefixtures('app_env')


@pytest.fixture
def world(portal: Portal) -> World:
    return make_world(portal)


def customers_named(portal: Portal, last_name: str) -> list[Customer]:
    with portal.database.session() as session:
        return list(session.exec(select(Customer).where(Customer.last_name == last_name)))


async def test_every_problem_shows_under_its_field_at_once(user: User, portal: Portal, world: World) -> None:
    await sign_in_staff(user, portal, world.admin)
    await user.open('/admin/customers')
    user.find(marker='email').type('not an address')
    user.find(marker='save').click()
    await user.should_see('Bitte prüfen Sie die markierten Angaben (5).')
    shown = {marker: only(user, marker).props.get('error-message') for marker in (
        'first-name', 'last-name', 'date-of-birth', 'email', 'team', 'phone', 'city')}
    assert shown == {'first-name': 'Bitte füllen Sie „Vorname“ aus.', 'last-name': 'Bitte füllen Sie „Nachname“ aus.',
                     'date-of-birth': '„Geburtsdatum“ ist kein gültiges Datum.',
                     'email': '„E-Mail“ ist keine gültige E-Mail-Adresse.', 'team': 'Bitte füllen Sie „Team“ aus.',
                     'phone': None, 'city': None}
    assert all(only(user, marker).props.get('error') is True for marker in ('first-name', 'team'))
    user.find(marker='first-name').type('Nora')  # a corrected field drops its message
    assert only(user, 'first-name').props.get('error-message') is None
    assert customers_named(portal, '') == []


async def test_required_fields_are_marked_for_eyes_and_screen_readers(user: User, portal: Portal,
                                                                      world: World) -> None:
    await sign_in_staff(user, portal, world.admin)
    await user.open('/admin/customers')
    await user.should_see('Felder mit * müssen ausgefüllt werden.')
    for marker, label in (('first-name', 'Vorname *'), ('last-name', 'Nachname *'),
                          ('date-of-birth', 'Geburtsdatum *'), ('team', 'Team *')):
        field = only(user, marker)
        assert (field.props.get('label'), field.props.get('aria-required')) == (label, 'true'), marker
    for marker in ('email', 'phone', 'city', 'case-worker'):
        field = only(user, marker)
        assert not field.props['label'].endswith('*') and 'aria-required' not in field.props, marker


async def fill_in_a_second_anna(user: User, world: World) -> None:
    await user.open('/admin/customers')
    user.find(marker='first-name').type('Anna')
    user.find(marker='last-name').type('alpha')
    user.find(marker='date-of-birth').type(world.citizen_a.date_of_birth.isoformat())
    choose(user, 'team', 'Team A – Jobcenter Testhausen')
    user.find(marker='save').click()
    await user.should_see('Mit demselben Vornamen, Nachnamen und Geburtsdatum ist schon jemand erfasst.')


async def test_a_possible_duplicate_is_named_and_can_be_opened(user: User, portal: Portal, world: World) -> None:
    await sign_in_staff(user, portal, world.caseworker_a)
    await fill_in_a_second_anna(user, world)
    with user.scope(marker='duplicate-dialog'):
        await user.should_see(world.citizen_a.customer_number)
        user.find('Alpha, Anna').click()
    await user.should_see(marker='issue-letter')
    assert user.back_history[-1] == f'/admin/customers/{world.citizen_a.id}'
    assert [customer.id for customer in customers_named(portal, 'alpha')] == []


async def test_a_possible_duplicate_can_be_created_anyway(user: User, portal: Portal, world: World,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    await sign_in_staff(user, portal, world.caseworker_a)
    page_toasts(user)
    await fill_in_a_second_anna(user, world)
    user.find(marker='create-anyway').click()
    await user.should_see(marker='issue-letter')
    [created] = customers_named(portal, 'alpha')
    assert user.back_history[-1] == f'/admin/customers/{created.id}'
    assert server_errors(caplog) == []
