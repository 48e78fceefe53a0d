"""Page handlers call services through ``call``: the result comes back typed, and a server that is stopping ends
the handler instead of handing it a None to stumble over."""
import asyncio
from types import SimpleNamespace

import pytest

from pages.core import calls


def sign_in_later() -> None:
    """A service step that answers nothing (a None that is a real answer)."""


async def test_a_service_answer_comes_back_and_none_is_an_answer_too() -> None:
    assert await calls.call(sorted, [3, 1, 2]) == [1, 2, 3]
    assert await calls.call(sign_in_later) is None


async def test_a_stopping_server_cancels_the_handler(monkeypatch: pytest.MonkeyPatch) -> None:
    async def stopped(*_args: object, **_kwargs: object) -> None:
        return None  # what NiceGUI 3.18's run.io_bound answers once the server is stopping
    monkeypatch.setattr(calls.run, 'io_bound', stopped)
    monkeypatch.setattr(calls.core, 'app', SimpleNamespace(is_stopping=True))
    with pytest.raises(asyncio.CancelledError):
        await calls.call(sorted, [3, 1, 2])
