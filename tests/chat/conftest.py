"""Chat fixtures: the access cast signed in, and a conversation Anna started with her team."""
import pytest

from portal.chat.views import ConversationView
from portal.identity.roles import Actor
from portal.services import Portal
from tests.support.personas import World, actor_of


@pytest.fixture
def carla(portal: Portal, world: World) -> Actor:
    """Anna's case worker, in Team A."""
    return actor_of(portal, world.caseworker_a)


@pytest.fixture
def otto(portal: Portal, world: World) -> Actor:
    """A case worker of another team and location."""
    return actor_of(portal, world.other_caseworker)


@pytest.fixture
def bernd(portal: Portal, world: World) -> Actor:
    return actor_of(portal, world.citizen_b)


@pytest.fixture
def talk(portal: Portal, anna: Actor) -> ConversationView:
    return portal.chat.start(anna, 'benefits', 'Wann kommt mein Geld?', 'client-0001')
