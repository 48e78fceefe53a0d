"""The sign-out button: a small HTML form that POSTs to the sign-out route.

A plain form works without the websocket and is what the route accepts: sign-out is POST-only and checks that
the form came from the portal's own origin, so an image tag or a form on another site cannot sign anyone out.
Submitting it also removes what pages kept in this browser for the person (``components.core.private_storage``).
"""
from nicegui import ui

from components.core.private_storage import CLEAR_PRIVATE


def sign_out_form(label: str, *, action: str) -> ui.element:
    """A full-width flat button (marked ``sign-out``) that submits the form to ``action``."""
    with ui.element('form').props(f'method=post action="{action}"').classes('w-full') as form:
        ui.button(label, icon='logout').props('type=submit flat no-caps align=left').classes('w-full').mark(
            'sign-out')
    form.on('submit', js_handler=CLEAR_PRIVATE)
    return form
