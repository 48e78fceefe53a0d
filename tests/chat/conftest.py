"""Chat fixtures: the access cast signed in, and a conversation Anna started with her team."""
import pytest

from portal.chat.views import ConversationView
from portal.core.settings import Settings
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


@pytest.fixture
def app_portal(monkeypatch: pytest.MonkeyPatch) -> list[Portal]:
    """The portal main.py builds under the ``user`` fixture (request this fixture before ``user``): services called
    on it publish to the pages' own events, as a request of another browser would. Filled once ``user`` started."""
    from portal import services as composition
    built: list[Portal] = []
    original = composition.build_portal

    def build(settings: Settings, **options: object) -> Portal:
        built.append(original(settings, **options))  # type: ignore[arg-type]
        return built[-1]
    monkeypatch.setattr(composition, 'build_portal', build)
    return built
