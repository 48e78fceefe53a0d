"""The line that says what just happened ("saved"), read out by screen readers when it changes."""
from nicegui import ui


def status_line() -> ui.label:
    """Empty until a handler fills it (``View.tell(..., status=...)``); it must exist before its text changes,
    or screen readers miss the change, so pages make it once, outside the parts they redraw."""
    return ui.label().classes('text-body1 text-positive text-weight-medium').props(
        'role=status aria-live=polite').mark('saved-status')
