"""A button that runs an async action once at a time: spinner while working, further clicks ignored."""
from collections.abc import Awaitable, Callable

from nicegui import ui


def busy_button(text: str, *, on_click: Callable[[], Awaitable[None]], icon: str | None = None,
                props: str = 'unelevated no-caps', submit_from: tuple[ui.input, ...] = ()) -> ui.button:
    """A double click cannot submit twice: the button is ``loading`` until ``on_click`` has finished.

    Enter in any of the ``submit_from`` inputs acts as a click, with the same protection.
    """
    button = ui.button(text, icon=icon).props(props)

    async def run_once() -> None:
        if button.props.get('loading'):
            return
        button.props('loading')
        try:
            await on_click()
        finally:
            if not button.is_deleted:
                button.props(remove='loading')

    button.on_click(run_once)
    for field in submit_from:
        field.on('keydown.enter', run_once)
    return button
