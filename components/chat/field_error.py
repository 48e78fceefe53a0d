"""A problem shown under a form field (Quasar's ``error`` and ``error-message``), set as values so that no text
of a message can break the props string."""
from nicegui import ui


def show_error(field: ui.element, message: str) -> None:
    """``message`` under the field, or none when empty."""
    if message:
        field.props['error'] = True
        field.props['error-message'] = message
    else:
        field.props.pop('error', None)
        field.props.pop('error-message', None)
    field.update()
