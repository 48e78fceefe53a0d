"""The admin and case-worker pages, driven as staff would use them."""
from datetime import timedelta

import pytest
from nicegui import ui
from nicegui.testing import User
from nicegui.testing.user_interaction import UserInteraction
from sqlmodel import select

from portal.identity.models import Account
from portal.people.customers import CustomerDraft
from portal.people.models import Customer
from portal.services import Portal
from tests.support.personas import actor_of, enrol_totp, make_world
from tests.support.rows import add_entries
from tests.support.ui import choose, newest, only, sign_in_staff, sign_out

pytestmark = pytest.mark.usefixtures('app_env')


def customer_named(portal: Portal, last_name: str) -> Customer:
    with portal.database.session() as session:
        return session.exec(select(Customer).where(Customer.last_name == last_name)).one()


async def test_an_admin_creates_a_customer_whose_letter_code_activates_the_account(user: User,
                                                                                   portal: Portal) -> None:
    world = make_world(portal)
    await sign_in_staff(user, portal, world.admin)
    await user.open('/admin/customers')
    user.find(marker='first-name').type('Nora')
    user.find(marker='last-name').type('Neu')
    user.find(marker='date-of-birth').type('1990-02-03')
    choose(user, 'team', 'Team A – Jobcenter Testhausen')
    user.find(marker='save').click()
    await user.should_see(marker='issue-letter')
    await user.should_see('Nora Neu')
    user.find(marker='issue-letter').click()
    await user.should_see(marker='letter')
    await user.should_see('Landkreis Musterland')
    await user.should_see('http://127.0.0.1:8080/activate')
    customer = customer_named(portal, 'Neu')
    assert only(user, 'letter-identifier').text == customer.customer_number
    code = only(user, 'letter-code').text

    await sign_out(user)
    await user.open('/activate')
    user.find(marker='identifier').type(customer.customer_number)
    user.find(marker='code').type(code)
    user.find(marker='password').type('a long new password')
    user.find(marker='repeat').type('a long new password')
    user.find(marker='activate').click()
    await user.should_see('Hallo, Nora')


async def test_a_case_worker_edits_a_customer_of_their_team(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in_staff(user, portal, world.caseworker_a)
    await user.open(f'/admin/customers/{world.citizen_a.id}')
    await user.should_see('Anna Alpha')
    user.find(marker='phone').clear().type('0301234567')
    user.find(marker='save').click()
    await user.should_see('Die Daten von Anna Alpha sind gespeichert.')
    assert customer_named(portal, 'Alpha').phone == '0301234567'


async def test_a_second_save_from_a_stale_form_shows_the_conflict_message(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in_staff(user, portal, world.caseworker_a)
    await user.open(f'/admin/customers/{world.citizen_a.id}')
    await user.should_see('Anna Alpha')
    meanwhile = CustomerDraft(first_name='Anna', last_name='Alpha', date_of_birth=world.citizen_a.date_of_birth,
                              team_id=world.citizen_a.team_id, email='anna@example.org', city='Anderswo')
    portal.customers.update(actor_of(portal, world.admin), world.citizen_a.id, meanwhile, world.citizen_a.version)
    user.find(marker='phone').clear().type('0301234567')
    user.find(marker='save').click()
    await user.should_see('Jemand anderes hat diese Daten inzwischen geändert.')
    kept = customer_named(portal, 'Alpha')
    assert (kept.city, kept.phone) == ('Anderswo', None)


async def test_a_case_worker_of_another_team_sees_not_found_for_a_tampered_id(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in_staff(user, portal, world.other_caseworker)
    for tampered in (str(world.citizen_a.id), '99999', 'abc', '1e3'):
        await user.open(f'/admin/customers/{tampered}')
        await user.should_see(marker='problem')
        await user.should_see('Nicht gefunden.')
        await user.should_not_see('Alpha')


async def test_reception_reads_a_customer_but_cannot_edit_or_issue_a_letter(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in_staff(user, portal, world.reception)
    await user.open('/admin/customers')
    await user.should_see('Alpha, Anna')
    await user.should_not_see('Beta, Bernd')
    await user.should_not_see(marker='new-customer')
    await user.open(f'/admin/customers/{world.citizen_a.id}')
    await user.should_see('Sie können diese Daten ansehen, aber nicht ändern.')
    await user.should_not_see(marker='save')
    await user.should_not_see(marker='issue-letter')
    assert only(user, 'first-name').props.get('readonly') is True


async def test_a_name_with_html_is_shown_as_text(user: User, portal: Portal) -> None:
    world = make_world(portal)
    payload = '<img src=x onerror=alert(1)>'
    draft = CustomerDraft(first_name=payload, last_name='Markup', date_of_birth=world.citizen_a.date_of_birth,
                          team_id=world.citizen_a.team_id)
    customer = portal.customers.create(actor_of(portal, world.admin), draft)
    await sign_in_staff(user, portal, world.caseworker_a)
    await user.open('/admin/customers')
    await user.should_see(f'Markup, {payload}')
    await user.open(f'/admin/customers/{customer.id}')
    assert only(user, 'first-name').value == payload
    html = [element.content for element in user.find(kind=ui.html).elements]
    assert not any('onerror' in content for content in html)


async def test_the_audit_page_lists_a_case_workers_view_of_a_customer(user: User, portal: Portal) -> None:
    world = make_world(portal)
    portal.customers.sheet(actor_of(portal, world.caseworker_a), world.citizen_a.id)
    await sign_in_staff(user, portal, world.admin)
    await user.open(f'/admin/audit?customer={world.citizen_a.customer_number}')
    with user.scope(marker='audit-entries'):
        await user.should_see('Carla Case')
        await user.should_see('Kundendaten angesehen')
        await user.should_see(world.citizen_a.customer_number)
    await user.should_not_see('Bernd')


async def test_the_audit_page_filters_by_action(user: User, portal: Portal) -> None:
    world = make_world(portal)
    portal.customers.search(actor_of(portal, world.caseworker_a), 'Alp')
    portal.customers.sheet(actor_of(portal, world.caseworker_a), world.citizen_a.id)
    await sign_in_staff(user, portal, world.admin)
    await user.open('/admin/audit')
    await user.should_see('Kundendaten angesehen')
    choose(user, 'audit-action', 'Kundensuche')
    user.find(marker='audit-show').click()
    await user.should_see('Einträge: 1')
    with user.scope(marker='audit-entries'):
        await user.should_see('Angabe: Alp')
        await user.should_not_see('Kundendaten angesehen')


async def test_a_long_audit_log_is_shown_fifty_entries_at_a_time(user: User, portal: Portal) -> None:
    world = make_world(portal)
    add_entries(portal, world, 60, portal.clock() + timedelta(minutes=1))
    await sign_in_staff(user, portal, world.admin)
    await user.open(f'/admin/audit?customer={world.citizen_a.customer_number}')
    await user.should_see('Einträge 1 bis 50')
    await user.should_see('Angabe: view 59')
    await user.should_not_see('Angabe: view 9')
    assert not only(user, 'newer').enabled
    user.find(marker='older').click()
    await user.should_see('Angabe: view 9')
    await user.should_see('Einträge 51 bis')
    await user.should_not_see('Angabe: view 59')
    user.find(marker='newer').click()
    await user.should_see('Angabe: view 59')
    await user.should_see('Einträge 1 bis 50')


async def test_a_case_worker_has_no_access_to_the_staff_teams_and_audit_pages(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in_staff(user, portal, world.caseworker_a)
    for route in ('/admin/staff', '/admin/teams', '/admin/audit'):
        response = await user.http_client.get(route)
        assert response.status_code == 403
        assert 'Kein Zugriff' in response.text
    await user.open('/')
    await user.should_see('Kundinnen und Kunden')
    for label in ('Mitarbeitende', 'Teams und Standorte', 'Protokoll'):
        await user.should_not_see(label)


async def test_an_admin_sees_staff_states_and_resets_a_second_factor(user: User, portal: Portal) -> None:
    world = make_world(portal)
    enrol_totp(portal, world.caseworker_a.email)
    await sign_in_staff(user, portal, world.admin)
    await user.open('/admin/staff')
    with user.scope(marker=f'staff-{world.caseworker_a.id}'):
        await user.should_see('Zweiter Faktor eingerichtet')
        user.find(marker='reset-second-factor').click()
    user.find(marker='confirm-reset').click()
    await user.should_see('Der zweite Faktor wurde zurückgesetzt.')
    with portal.database.session() as session:
        account = session.exec(select(Account).where(Account.staff_id == world.caseworker_a.id)).one()
    assert not account.totp_enabled


async def test_an_admin_issues_a_staff_letter_whose_identifier_is_the_email(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in_staff(user, portal, world.admin)
    await user.open('/admin/staff')
    with user.scope(marker=f'staff-{world.other_caseworker.id}'):
        user.find(marker='staff-letter').click()
    await user.should_see(marker='letter')
    assert only(user, 'letter-identifier').text == 'otto@jobcenter.example'
    await user.should_see('Richten Sie danach eine Authenticator-App als zweiten Faktor ein.')


async def test_an_admin_adds_opening_hours_to_a_location(user: User, portal: Portal) -> None:
    world = make_world(portal)
    anderswo = next(place for place in portal.organisation.locations() if place.name == 'Geschäftsstelle Anderswo')
    await sign_in_staff(user, portal, world.admin)
    await user.open('/admin/teams')
    with user.scope(marker=f'location-{anderswo.id}'):
        user.find(marker='edit-location').click()
    with user.scope(marker=f'edit-location-{anderswo.id}'):
        user.find(marker='add-hours').click()
        choose(user, newest(user, 'hours-day'), 'Samstag')
        UserInteraction(user, {newest(user, 'hours-opens')}, None).clear().type('09:00')
        UserInteraction(user, {newest(user, 'hours-closes')}, None).clear().type('11:30')
        user.find(marker='save-location').click()
    await user.should_see('Die Daten von Geschäftsstelle Anderswo sind gespeichert.')
    await user.should_see('Samstag: 09:00 – 11:30 Uhr')
    saved = next(place for place in portal.organisation.locations() if place.name == 'Geschäftsstelle Anderswo')
    assert saved.opening_hours == tuple(sorted([*anderswo.opening_hours, (5, '09:00', '11:30')]))


async def test_overlapping_opening_hours_are_refused_with_a_message(user: User, portal: Portal) -> None:
    world = make_world(portal)
    await sign_in_staff(user, portal, world.admin)
    await user.open('/admin/teams')
    user.find(marker='new-location').click()
    for marker, text in (('location-name', 'Neue Stelle'), ('location-street', 'Weg 1'), ('location-postcode', '12345'),
                         ('location-city', 'Stadt')):
        user.find(marker=marker).type(text)
    with user.scope(marker='new-location'):
        user.find(marker='add-hours').click()
        user.find(marker='add-hours').click()
        user.find(marker='save-location').click()
    await user.should_see('Zwei Öffnungszeiten am selben Tag überschneiden sich.')
    assert 'Neue Stelle' not in [place.name for place in portal.organisation.locations()]

