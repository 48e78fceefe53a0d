"""Customer master data: who may find, see and change which customer, and that staff access is audited."""
from datetime import date

import pytest
from sqlmodel import select

from portal.audit.models import AuditEntry
from portal.audit.service import AuditFilter
from portal.core.errors import Conflict, InvalidFields, NotAllowed, NotFound, PossibleDuplicate
from portal.factories import make_staff
from portal.identity.models import Account
from portal.people.customers import CustomerDraft
from portal.people.models import Customer, Location
from portal.people.organisation import StaffDraft
from portal.services import Portal
from tests.support.personas import World, actor_of, make_world


@pytest.fixture
def world(portal: Portal) -> World:
    return make_world(portal)


def draft_of(customer: Customer, **changes: object) -> CustomerDraft:
    """The form as it is filled in for this customer, with some fields changed."""
    fields = dict(first_name=customer.first_name, last_name=customer.last_name,
                  date_of_birth=customer.date_of_birth, team_id=customer.team_id,
                  preferred_language=customer.preferred_language, email=customer.email, phone=customer.phone,
                  street=customer.street, postcode=customer.postcode, city=customer.city,
                  case_worker_id=customer.case_worker_id, community_number=customer.community_number)
    return CustomerDraft(**{**fields, **changes})


def new_draft(team_id: int | None = None, **changes: object) -> CustomerDraft:
    return CustomerDraft(**{'first_name': 'Nora', 'last_name': 'Neu', 'date_of_birth': date(1990, 2, 3),
                            'team_id': team_id, **changes})


def audit_actions(portal: Portal) -> list[tuple[str, str, int | None]]:
    with portal.database.session() as session:
        return [(entry.actor_name, entry.action, entry.customer_id)
                for entry in session.exec(select(AuditEntry).order_by(AuditEntry.id))]


def test_a_case_worker_finds_only_the_customers_of_their_teams(portal: Portal, world: World) -> None:
    found = portal.customers.search(actor_of(portal, world.caseworker_a))
    assert {customer.id for customer in found} == {world.citizen_a.id, world.youth.id}


def test_reception_finds_the_customers_of_their_location(portal: Portal, world: World) -> None:
    found = portal.customers.search(actor_of(portal, world.reception))
    assert {customer.id for customer in found} == {world.citizen_a.id, world.youth.id}


def test_an_admin_finds_every_customer(portal: Portal, world: World) -> None:
    found = portal.customers.search(actor_of(portal, world.admin))
    assert {customer.id for customer in found} == {world.citizen_a.id, world.citizen_b.id, world.youth.id}


@pytest.mark.parametrize('person', ['citizen_a', 'youth'])
def test_customers_cannot_search_customers(portal: Portal, world: World, person: str) -> None:
    with pytest.raises(NotAllowed):
        portal.customers.search(actor_of(portal, getattr(world, person)))


def test_the_search_matches_names_customer_and_community_numbers(portal: Portal, world: World) -> None:
    admin = actor_of(portal, world.admin)
    for text in ('alph', 'ANNA', world.citizen_a.customer_number.lower(), world.citizen_a.community_number):
        assert [customer.id for customer in portal.customers.search(admin, text)] == [world.citizen_a.id], text


def test_wildcards_typed_into_the_search_are_taken_literally(portal: Portal, world: World) -> None:
    admin = actor_of(portal, world.admin)
    assert portal.customers.search(admin, '%') == []
    assert portal.customers.search(admin, '_') == []


def test_a_case_worker_without_a_team_finds_nobody(portal: Portal, world: World) -> None:
    with portal.database.session() as session:
        lonely = make_staff(session=session, location=session.get(Location, world.caseworker_a.location_id),
                            email='lonely@jobcenter.example')
        session.commit()
    assert portal.customers.search(actor_of(portal, lonely)) == []


@pytest.mark.parametrize(('person', 'sheet_error'), [('other_caseworker', NotFound), ('citizen_b', NotAllowed),
                                                     ('youth', NotAllowed)])
def test_people_without_a_right_to_customer_a_get_not_found(portal: Portal, world: World, person: str,
                                                             sheet_error: type) -> None:
    """The staff page itself is refused to customers; the record is "not found" for all of them."""
    actor = actor_of(portal, getattr(world, person))
    with pytest.raises(NotFound):
        portal.customers.get(actor, world.citizen_a.id)
    with pytest.raises(sheet_error):
        portal.customers.sheet(actor, world.citizen_a.id)
    with pytest.raises(NotFound):
        portal.customers.update(actor, world.citizen_a.id, draft_of(world.citizen_a, city='X'), 1)


def test_a_tampered_id_gives_not_found_even_to_an_admin(portal: Portal, world: World) -> None:
    with pytest.raises(NotFound):
        portal.customers.sheet(actor_of(portal, world.admin), 999_999)


def test_reception_sees_a_customer_of_their_location_but_may_not_change_it(portal: Portal, world: World) -> None:
    reception = actor_of(portal, world.reception)
    sheet = portal.customers.sheet(reception, world.citizen_a.id)
    assert sheet.customer.id == world.citizen_a.id
    assert not sheet.editable
    assert [team.id for team in sheet.choices.teams] == [world.citizen_a.team_id]
    with pytest.raises(NotAllowed):
        portal.customers.update(reception, world.citizen_a.id, draft_of(world.citizen_a, city='X'), 1)
    with pytest.raises(NotAllowed):
        portal.customers.create(reception, new_draft(world.citizen_a.team_id))


def test_the_case_worker_of_a_changes_a_customer_and_the_version_goes_up(portal: Portal, world: World) -> None:
    case_worker = actor_of(portal, world.caseworker_a)
    sheet = portal.customers.sheet(case_worker, world.citizen_a.id)
    assert sheet.editable
    assert world.caseworker_a.id in {worker.id for worker in sheet.choices.case_workers}
    saved = portal.customers.update(case_worker, world.citizen_a.id,
                                    draft_of(world.citizen_a, phone='030 123456', case_worker_id=world.caseworker_a.id),
                                    sheet.customer.version)
    assert (saved.phone, saved.case_worker_id, saved.version) == ('030 123456', world.caseworker_a.id, 2)


def test_a_concurrent_update_raises_conflict_and_keeps_the_first_change(portal: Portal, world: World) -> None:
    case_worker, admin = actor_of(portal, world.caseworker_a), actor_of(portal, world.admin)
    opened = portal.customers.get(case_worker, world.citizen_a.id).version
    portal.customers.update(admin, world.citizen_a.id, draft_of(world.citizen_a, city='Erststadt'), opened)
    with pytest.raises(Conflict):
        portal.customers.update(case_worker, world.citizen_a.id, draft_of(world.citizen_a, city='Zweitstadt'), opened)
    assert portal.customers.get(admin, world.citizen_a.id).city == 'Erststadt'


def test_html_typed_into_a_name_is_stored_as_text(portal: Portal, world: World) -> None:
    payload = '<script>alert("x")</script>'
    created = portal.customers.create(actor_of(portal, world.admin),
                                      new_draft(world.citizen_a.team_id, first_name=payload))
    assert portal.customers.get(actor_of(portal, world.admin), created.id).first_name == payload


def test_a_new_customer_gets_a_number_a_location_from_the_team_and_an_account_without_password(
        portal: Portal, world: World) -> None:
    draft = new_draft(world.citizen_a.team_id, email='Nora@Example.org', preferred_language='ar')
    created = portal.customers.create(actor_of(portal, world.caseworker_a), draft)
    assert created.customer_number and created.community_number
    assert created.location_id == world.citizen_a.location_id
    with portal.database.session() as session:
        account = session.exec(select(Account).where(Account.customer_id == created.id)).one()
    assert (account.email, account.password_hash) == ('nora@example.org', None)


def test_a_case_worker_cannot_assign_a_team_they_are_not_in(portal: Portal, world: World) -> None:
    case_worker = actor_of(portal, world.caseworker_a)
    with pytest.raises(InvalidFields) as refused:
        portal.customers.create(case_worker, new_draft(world.citizen_b.team_id))
    assert refused.value.problems['team_id'].key == 'customers.team_not_yours'
    with pytest.raises(InvalidFields):
        portal.customers.update(case_worker, world.citizen_a.id,
                                draft_of(world.citizen_a, team_id=world.citizen_b.team_id), world.citizen_a.version)


@pytest.mark.parametrize('person', ['other_caseworker', 'reception', 'admin'])
def test_the_responsible_case_worker_must_be_a_case_worker_of_the_team(portal: Portal, world: World,
                                                                        person: str) -> None:
    with pytest.raises(InvalidFields) as refused:
        portal.customers.update(actor_of(portal, world.admin), world.citizen_a.id,
                                draft_of(world.citizen_a, case_worker_id=getattr(world, person).id),
                                world.citizen_a.version)
    assert refused.value.problems['case_worker_id'].key == 'customers.case_worker_not_in_team'


def test_a_case_worker_who_left_the_team_does_not_block_other_changes(portal: Portal, world: World) -> None:
    admin = actor_of(portal, world.admin)
    assigned = portal.customers.update(admin, world.citizen_a.id,
                                       draft_of(world.citizen_a, case_worker_id=world.caseworker_a.id), 1)
    carla = world.caseworker_a
    portal.organisation.save_staff(admin, carla.id, StaffDraft(
        carla.first_name, carla.last_name, carla.email, carla.location_id, frozenset({'caseworker'}),
        frozenset({world.citizen_b.team_id})))
    saved = portal.customers.update(admin, world.citizen_a.id, draft_of(assigned, phone='0301111111'),
                                    assigned.version)
    assert (saved.phone, saved.case_worker_id) == ('0301111111', carla.id)


def test_u25_follows_from_the_date_of_birth_on_the_clock_s_today(portal: Portal, world: World) -> None:
    admin = actor_of(portal, world.admin)
    young = portal.customers.create(admin, new_draft(world.citizen_a.team_id, date_of_birth=date(2002, 1, 1)))
    assert young.u25
    older = portal.customers.update(admin, young.id, draft_of(young, date_of_birth=date(2001, 11, 23)), young.version)
    assert not older.u25  # 25 exactly on the FakeClock's day, 2026-11-23


@pytest.mark.parametrize(('changes', 'key'), [
    ({'first_name': '  '}, 'form.required'),
    ({'date_of_birth': None}, 'form.date_invalid'),
    ({'date_of_birth': date(2030, 1, 1)}, 'form.date_invalid'),
    ({'email': 'not-an-address'}, 'form.email_invalid'),
    ({'email': 'anna@example.org'}, 'form.email_taken'),
    ({'phone': 'call me'}, 'form.phone_invalid'),
    ({'preferred_language': 'xx'}, 'form.invalid'),
    ({'team_id': None}, 'form.required'),
])
def test_bad_input_is_refused_with_a_message(portal: Portal, world: World, changes: dict, key: str) -> None:
    with pytest.raises(InvalidFields) as refused:
        portal.customers.create(actor_of(portal, world.admin), new_draft(**{'team_id': world.citizen_a.team_id,
                                                                              **changes}))
    [(field, problem)] = refused.value.problems.items()
    assert (field, problem.key) == (next(iter(changes)), key)


def test_staff_searches_views_and_changes_are_audited(portal: Portal, world: World) -> None:
    case_worker = actor_of(portal, world.caseworker_a)
    portal.customers.search(case_worker, 'Alpha')
    portal.customers.sheet(case_worker, world.citizen_a.id)
    portal.customers.update(case_worker, world.citizen_a.id, draft_of(world.citizen_a, city='X'), 1)
    created = portal.customers.create(case_worker, new_draft(world.citizen_a.team_id))
    assert audit_actions(portal) == [('Carla Case', 'customer.search', None),
                                     ('Carla Case', 'customer.view', world.citizen_a.id),
                                     ('Carla Case', 'customer.update', world.citizen_a.id),
                                     ('Carla Case', 'customer.create', created.id)]
    entries = portal.audit_log.entries(actor_of(portal, world.admin), AuditFilter(action='customer.search')).rows
    assert [entry.detail for entry in entries] == ['Alpha']


def test_a_customer_sees_their_own_record_without_an_audit_entry(portal: Portal, world: World) -> None:
    citizen = actor_of(portal, world.citizen_a)
    assert portal.customers.get(citizen, world.citizen_a.id).customer_number == world.citizen_a.customer_number
    assert portal.customers.own(citizen).id == world.citizen_a.id
    assert audit_actions(portal) == []


def test_a_refused_look_at_a_customer_leaves_no_audit_entry(portal: Portal, world: World) -> None:
    with pytest.raises(NotFound):
        portal.customers.get(actor_of(portal, world.other_caseworker), world.citizen_a.id)
    assert audit_actions(portal) == []


def test_the_new_customer_form_offers_a_case_worker_only_their_teams(portal: Portal, world: World) -> None:
    choices = portal.customers.choices(actor_of(portal, world.caseworker_a))
    assert [team.name for team in choices.teams] == ['Team A']
    assert [worker.name for worker in choices.case_workers] == ['Carla Case']
    admin_choices = portal.customers.choices(actor_of(portal, world.admin))
    assert [team.name for team in admin_choices.teams] == ['Team A', 'Team B']
    with pytest.raises(NotAllowed):
        portal.customers.choices(actor_of(portal, world.reception))


def test_every_problem_of_a_customer_form_is_reported_at_once(portal: Portal, world: World) -> None:
    draft = CustomerDraft(first_name=' ', last_name='', date_of_birth=None, team_id=None, email='nope',
                          phone='call me')
    with pytest.raises(InvalidFields) as refused:
        portal.customers.create(actor_of(portal, world.admin), draft)
    assert {field: problem.key for field, problem in refused.value.problems.items()} == {
        'first_name': 'form.required', 'last_name': 'form.required', 'date_of_birth': 'form.date_invalid',
        'email': 'form.email_invalid', 'phone': 'form.phone_invalid', 'team_id': 'form.required'}


def test_a_new_customer_like_an_existing_one_is_a_possible_duplicate_until_confirmed(portal: Portal,
                                                                                     world: World) -> None:
    admin = actor_of(portal, world.admin)
    anna = world.citizen_a
    twin = new_draft(anna.team_id, first_name=' anna ', last_name='ALPHA', date_of_birth=anna.date_of_birth)
    assert [found.id for found in portal.customers.duplicates(admin, twin)] == [anna.id]
    with pytest.raises(PossibleDuplicate) as warned:
        portal.customers.create(admin, twin)
    assert [(found.id, found.customer_number) for found in warned.value.matches] == [(anna.id, anna.customer_number)]
    assert ('Adam Admin', 'customer.duplicate', anna.id) in audit_actions(portal)
    created = portal.customers.create(admin, twin, confirmed=True)
    assert (created.first_name, created.last_name) == ('anna', 'ALPHA')


def test_only_customers_the_actor_may_see_count_as_duplicates(portal: Portal, world: World) -> None:
    bernd = world.citizen_b  # team B: not Carla's
    twin = new_draft(world.citizen_a.team_id, first_name='Bernd', last_name='Beta', date_of_birth=bernd.date_of_birth)
    carla = actor_of(portal, world.caseworker_a)
    assert portal.customers.duplicates(carla, twin) == []
    assert portal.customers.create(carla, twin).last_name == 'Beta'
    other_day = new_draft(world.citizen_a.team_id, first_name='Anna', last_name='Alpha', date_of_birth=date(1970, 1, 1))
    assert portal.customers.duplicates(carla, other_day) == []
