"""Demo data: every role can sign in, a second run changes nothing, production gets none."""
from pydantic import AnyHttpUrl
from sqlmodel import func, select

from portal.identity.auth import Step
from portal.identity.models import Account
from portal.people.models import Customer, Location, Staff, Team
from portal.seed import DEMO_PASSWORD, seed_demo
from portal.services import Portal


def _counts(portal: Portal) -> tuple[int, int, int]:
    with portal.database.session() as session:
        return tuple(session.exec(select(func.count()).select_from(model)).one()
                     for model in (Customer, Staff, Account))


def test_the_demo_accounts_can_sign_in(portal: Portal) -> None:
    text = seed_demo(portal.database, portal.settings)
    assert 'DEMO DATA' in text and DEMO_PASSWORD in text
    assert portal.auth.login('101K000001', DEMO_PASSWORD, '127.0.0.3').step == Step.DONE
    youth = portal.auth.login('101K000002', DEMO_PASSWORD, '127.0.0.3')
    assert {role.value for role in portal.auth.actor(youth.token).roles} == {'youth'}
    for email in ('petra.hoffmann', 'mehmet.yilmaz', 'sabine.krueger', 'thomas.becker'):
        assert portal.auth.login(f'{email}@jobcenter.example', DEMO_PASSWORD, '127.0.0.3').step == Step.ENROL


def test_seeding_twice_creates_nothing_more(portal: Portal) -> None:
    seed_demo(portal.database, portal.settings)
    first = _counts(portal)
    seed_demo(portal.database, portal.settings)
    assert _counts(portal) == first
    assert first[0] == 12


def test_the_demo_has_customers_who_prefer_other_languages(portal: Portal) -> None:
    seed_demo(portal.database, portal.settings)
    with portal.database.session() as session:
        languages = set(session.exec(select(Customer.preferred_language)).all())
    assert {'ar', 'fa', 'ur', 'ti', 'en'} <= languages


def test_production_gets_no_demo_data(portal: Portal) -> None:
    production = portal.settings.model_copy(update={'env': 'production'})
    seed_demo(portal.database, production)
    assert _counts(portal)[0] == 0


def test_demo_customers_have_a_case_worker_with_phone_and_their_office_a_phone_and_e_mail(portal: Portal) -> None:
    seed_demo(portal.database, portal.settings)
    anna = portal.auth.actor(portal.auth.login('101K000001', DEMO_PASSWORD, '127.0.0.3').token)
    contact = portal.home.for_customer(anna).contact
    assert contact.case_worker == 'Petra Hoffmann'
    assert contact.phone and contact.email == 'petra.hoffmann@jobcenter.example'
    assert contact.office.phone and contact.office.email and contact.office.opening_hours


def test_an_older_demo_database_gets_the_contact_data_filled_in(portal: Portal) -> None:
    seed_demo(portal.database, portal.settings)
    with portal.database.session() as session:
        for model in (Location, Team, Staff):
            for row in session.exec(select(model)).all():
                row.phone = None
                session.add(row)
        for customer in session.exec(select(Customer)).all():
            customer.case_worker_id = None
            session.add(customer)
        session.commit()
    seed_demo(portal.database, portal.settings)
    with portal.database.session() as session:
        assert all(location.phone for location in session.exec(select(Location)).all())
        assert all(customer.case_worker_id for customer in session.exec(select(Customer)).all())


def test_the_demo_text_names_the_address_people_use(portal: Portal) -> None:
    elsewhere = portal.settings.model_copy(update={'public_url': AnyHttpUrl('https://portal.example:8443')})
    assert 'Sign in at https://portal.example:8443/login' in seed_demo(portal.database, elsewhere)
