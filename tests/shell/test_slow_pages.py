"""A page whose services answer slowly, as on a busy server, still opens instead of failing after NiceGUI's
default of 3 s for building a page."""
import time

import pytest
from nicegui.testing import User

from portal.identity.auth import Auth

pytestmark = pytest.mark.usefixtures('app_env')
SLOWER_THAN_NICEGUIS_DEFAULT = 3.5  # seconds


async def test_a_page_opens_when_its_services_take_longer_than_three_seconds(
        user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    actor = Auth.actor

    def slow_actor(self: Auth, token: str | None) -> object:
        time.sleep(SLOWER_THAN_NICEGUIS_DEFAULT)  # runs in a worker thread, like every service call of a page
        return actor(self, token)

    monkeypatch.setattr(Auth, 'actor', slow_actor)
    await user.open('/login')
    await user.should_see(marker='identifier')
