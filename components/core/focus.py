"""Moving the keyboard focus after a change redrew the part of the page that had it.

A button that redraws its own list or card is gone afterwards, and the browser then puts the focus on the page
itself: a keyboard or screen reader user would start again at the top. The page says where the focus goes next.
"""
from nicegui import ui

# The element may be made in the same update as this call: the message can arrive before Vue has drawn it.
SCRIPT = '''(function attempt(left) {
  const target = %s;
  if (!target) { if (left > 0) requestAnimationFrame(() => attempt(left - 1)); return; }
  target.focus({preventScroll: %s});
  %s
})(20)'''


def focus(element: ui.element) -> None:
    """Focus ``element`` (a control, or a heading with ``tabindex=-1``), scrolling it into view if needed."""
    _run(element, f'document.getElementById("c{element.id}")', scroll_to_top=False)


def focus_inside(container: ui.element, selector: str) -> None:
    """Focus the first element matching ``selector`` inside ``container`` and scroll it to the top of the view."""
    _run(container, f'document.querySelector("#c{container.id} {selector}")', scroll_to_top=True)


def _run(element: ui.element, target: str, *, scroll_to_top: bool) -> None:
    scroll = 'target.scrollIntoView({block: "start"});' if scroll_to_top else ''
    element.client.run_javascript(SCRIPT % (target, 'true' if scroll_to_top else 'false', scroll))
