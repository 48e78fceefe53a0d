"""What a page shows when what it was asked for cannot be shown: the translated reason and a way back."""
from nicegui import ui

from portal.core.errors import PortalError
from portal.core.i18n import Translator, error_message


def problem(t: Translator, error: PortalError, *, back: str, route: str) -> None:
    """The error's message (marked ``problem`` for tests) and a link with the text ``back`` to ``route``."""
    ui.label(error_message(t, error)).classes('text-body1').mark('problem')
    ui.link(back, route).classes('text-body1')
