"""Chat fixtures: the access cast signed in, and a conversation Anna started with her team."""
from typing import Any

import pytest
from nicegui import ui
from nicegui.testing import User

from portal import services as composition
from portal.chat.views import ConversationView
from portal.core.settings import Settings
from portal.identity.roles import Actor
from portal.services import Portal
from tests.support.personas import World, actor_of
from tests.support.ui import ORIGIN, only


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
def one_events(portal: Portal, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app under test publishes and listens on the test's events, so that a case worker acting through the
    test's services reaches a citizen's open page live (request it before ``user``, which starts the app)."""
    original = composition.build_portal

    def build(settings: Settings, **options: Any) -> Portal:
        options.setdefault('events', portal.events)
        return original(settings, **options)
    monkeypatch.setattr(composition, 'build_portal', build)


def shown(user: User) -> list[str]:
    """The texts of the conversation the page shows (the thread's messages, oldest first)."""
    return [message['body'] for message in only(user, 'thread').props['messages']]


def thread(user: User) -> ui.element:
    return only(user, 'thread')


async def post(user: User, conversation_id: int, text: str, client_id: str, **extra: Any) -> Any:
    """What the thread's outbox sends from the page: a POST with the browser's session cookie and origin."""
    headers = {'Origin': ORIGIN, **extra.pop('headers', {})}
    return await user.http_client.post(f'/api/chat/conversations/{conversation_id}/messages', headers=headers,
                                       json={'text': text, 'client_id': client_id, **extra})
