"""Admins say which concerns a team answers in chat and when it is in; customers are routed and told by it."""
import pytest

from portal.chat.teams import route
from portal.core.errors import InvalidInput, NotAllowed
from portal.identity.roles import Actor
from portal.people.models import Customer
from portal.services import Portal
from tests.support.personas import World, actor_of


@pytest.fixture
def adam(portal: Portal, world: World) -> Actor:
    return actor_of(portal, world.admin)


def test_an_admin_sets_concerns_and_office_hours_and_routing_follows(portal: Portal, world: World,
                                                                     adam: Actor, anna: Actor) -> None:
    team_a = world.citizen_a.team_id
    saved = portal.chat.save_team_settings(adam, team_a, ['u25', 'benefits'], [[1, '09:00', '11:00']])
    assert saved.concerns == ('benefits', 'u25') and saved.office_hours == ((1, '09:00', '11:00'),)
    shown = next(view for view in portal.chat.team_settings(adam) if view.team_id == team_a)
    assert shown == saved and shown.location_hours  # the office's hours are shown beside
    with portal.database.session() as session:
        customer = session.get(Customer, world.citizen_a.id)
        assert customer is not None
        assert route(session, customer, 'u25').id == team_a


def test_overlapping_or_broken_hours_and_unknown_concerns_are_refused(portal: Portal, world: World,
                                                                       adam: Actor) -> None:
    team_a = world.citizen_a.team_id
    for concerns, hours in ((['benefits'], [[1, '09:00', '11:00'], [1, '10:00', '12:00']]),
                            (['benefits'], [[1, '12:00', '11:00']]), (['parking'], [])):
        with pytest.raises(InvalidInput):
            portal.chat.save_team_settings(adam, team_a, concerns, hours)


def test_only_admins_keep_team_settings(portal: Portal, world: World, carla: Actor) -> None:
    with pytest.raises(NotAllowed):
        portal.chat.save_team_settings(carla, world.citizen_a.team_id, ['benefits'], [])
    with pytest.raises(NotAllowed):
        portal.chat.team_settings(carla)
