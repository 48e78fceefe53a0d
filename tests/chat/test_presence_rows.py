"""Two staff pages of one person may make their presence row at the same moment (the minute's sign of life and
the presence switch); the second then changes the row the first made instead of failing."""
import pytest

from portal.chat.handling import Handling
from portal.chat.models import Presence
from portal.identity.roles import Actor
from portal.services import Portal


def test_a_presence_row_made_meanwhile_by_another_page_is_changed_not_made_twice(
        portal: Portal, carla: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    portal.chat.still_here(carla)  # the other page made the row ...
    original = Handling._presence
    looked: list[int] = []

    def not_yet_seen(self: Handling, session, actor: Actor) -> Presence:  # ... after this one looked for it
        looked.append(1)
        if len(looked) == 1:
            return Presence(staff_id=actor.staff_id, available=False, seen_at=self._clock())
        return original(self, session, actor)
    monkeypatch.setattr(Handling, '_presence', not_yet_seen)
    assert portal.chat.set_available(carla, True) is True
    assert portal.chat.is_available(carla) and len(looked) == 2
