"""Corner editor (``corner_editor.js``): a photo with four draggable corner handles and a magnifier.

``corners`` are in pixels of the shown picture (None: start from a frame just inside the edges); the
handles are 44 px touch targets with ``touch-action: none`` (the photo between them scrolls the page as
usual), movable with the arrow keys too. When a handle that was moved is let go, ``on_change`` gets the four
corners (same pixels), clockwise from top-left as given.
"""
from collections.abc import Awaitable, Callable

from nicegui import ui
from nicegui.events import GenericEventArguments

CSS = '''
.portal-corner-handle { position: absolute; width: 44px; height: 44px; margin: -22px 0 0 -22px; padding: 0;
  border-radius: 50%; border: 3px solid #fff; background: rgba(29, 78, 137, 0.55); touch-action: none;
  box-shadow: 0 0 0 2px #1d4e89; cursor: grab; }
.portal-corner-handle::after { content: ''; position: absolute; left: 50%; top: 50%; width: 6px; height: 6px;
  margin: -3px 0 0 -3px; border-radius: 50%; background: #ffd54f; }
.portal-corner-lens { position: absolute; border-radius: 50%; border: 3px solid #fff; box-shadow: 0 0 0 2px #1d4e89;
  background-repeat: no-repeat; pointer-events: none; }
.portal-corner-lens::after { content: ''; position: absolute; left: 50%; top: 50%; width: 14px; height: 14px;
  margin: -7px 0 0 -7px; border: 2px solid #e53935; border-radius: 50%; }
'''

CornersHandler = Callable[[list[list[float]]], Awaitable[None] | None]


class CornerEditor(ui.element, component='corner_editor.js'):
    """A picture at ``src`` with four corner handles; ``labels`` has ``image`` and four ``corners``."""

    def __init__(self, src: str, corners: list[list[float]] | None, *, labels: dict,
                 on_change: CornersHandler) -> None:
        super().__init__()
        ui.add_css(CSS)
        self._props['src'] = src
        self._props['corners'] = corners
        self._props['labels'] = labels
        self.classes('w-full')

        def changed(event: GenericEventArguments) -> Awaitable[None] | None:
            return on_change([[float(x), float(y)] for x, y in event.args['corners']])
        self.on('change', changed)
