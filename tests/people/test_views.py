"""The people services hand pages and components frozen read models, never table rows a form could change."""
import dataclasses

import pytest
from sqlmodel import SQLModel

from portal.services import Portal
from tests.support.personas import World, actor_of


def frozen_copy(value: object) -> None:
    assert dataclasses.is_dataclass(value) and not isinstance(value, SQLModel), type(value)
    field = dataclasses.fields(value)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(value, field, None)


def test_customer_services_give_read_models(portal: Portal, world: World) -> None:
    admin = actor_of(portal, world.admin)
    sheet = portal.customers.sheet(admin, world.citizen_a.id)
    for each in (*portal.customers.search(admin, 'Alpha'), portal.customers.get(admin, world.citizen_a.id),
                 sheet, sheet.customer, portal.customers.own(actor_of(portal, world.citizen_a))):
        frozen_copy(each)
    assert sheet.customer.name == 'Anna Alpha'


def test_organisation_services_give_read_models(portal: Portal, world: World) -> None:
    overview = portal.organisation.overview(actor_of(portal, world.admin))
    for each in (overview, *overview.locations, *overview.teams, *overview.staff, overview.staff[0].staff,
                 *portal.organisation.locations(), *portal.organisation.teams(actor_of(portal, world.admin))):
        frozen_copy(each)
    assert isinstance(overview.locations[0].opening_hours, tuple)


def test_the_home_page_gets_read_models_of_office_and_teams(portal: Portal, world: World) -> None:
    customer_home = portal.home.for_customer(actor_of(portal, world.citizen_a))
    staff_home = portal.home.for_staff(actor_of(portal, world.caseworker_a))
    for each in (customer_home.contact.office, staff_home.location, staff_home.teams[0].team):
        frozen_copy(each)
