"""Service calls from page handlers, off the event loop and typed as what the service returns."""
import asyncio
from collections.abc import Callable
from typing import ParamSpec, TypeVar, cast

from nicegui import core, run

P = ParamSpec('P')
R = TypeVar('R')


async def call(service: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """``run.io_bound`` for a page handler. NiceGUI 3.18 answers None instead of the result when the server is
    stopping or the handler was cancelled; this raises ``CancelledError`` then, as NiceGUI 4.0 will, so the handler
    simply ends instead of working on with a None."""
    result = await run.io_bound(service, *args, **kwargs)
    task = asyncio.current_task()
    if result is None and (core.app.is_stopping or (task is not None and task.cancelling())):
        raise asyncio.CancelledError
    return cast(R, result)
