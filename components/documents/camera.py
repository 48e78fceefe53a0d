"""The live document camera (``camera.js``): rear-camera preview with the page outline drawn over it.

The browser sends small preview frames (long side 480 px, JPEG data URL, tens of KB) through ``on_frame``;
the page answers with ``show_outline`` (four [x, y] in 0..1 of the frame, or None). A shot, and any file
picked through the fallbacks (the phone's own camera app, photos or PDFs from the gallery), goes by HTTP
POST to ``upload_url`` with an ``X-Upload-Key`` (one UUID per photo, kept for retries), never over the
websocket. The stream stops when the element is removed or ``active`` is switched off.
"""
from collections.abc import Awaitable, Callable
from typing import Any

from nicegui import ui
from nicegui.events import GenericEventArguments

Handler = Callable[[dict[str, Any]], Awaitable[None] | None]

CSS = '''
.portal-file-button { position: relative; display: inline-flex; align-items: center; justify-content: center;
  min-height: 48px; padding: 0.5rem 1rem; border: 2px solid #1d4e89; border-radius: 6px; color: #1d4e89;
  font-weight: 500; cursor: pointer; flex: 1 1 12rem; text-align: center; background: #fff; }
.portal-file-button input { position: absolute; inset: 0; opacity: 0; cursor: pointer; width: 100%; }
.portal-file-button:focus-within { outline: 3px solid var(--portal-focus); outline-offset: 2px; }
'''


class DocumentCamera(ui.element, component='camera.js'):
    """Camera preview with outline overlay, plus file pickers; uploads go to ``upload_url`` by HTTP POST."""

    def __init__(self, upload_url: str, *, labels: dict[str, str], max_bytes: int, auto_capture: bool = True,
                 on_frame: Handler | None = None, on_uploaded: Handler | None = None,
                 on_failed: Handler | None = None, on_progress: Handler | None = None) -> None:
        super().__init__()
        ui.add_css(CSS)
        self._props['upload_url'] = upload_url
        self._props['labels'] = labels
        self._props['max_bytes'] = max_bytes
        self._props['auto_capture'] = auto_capture
        self._props['active'] = True
        for name, handler in (('frame', on_frame), ('uploaded', on_uploaded), ('failed', on_failed)):
            if handler is not None:
                self.on(name, _unwrap(handler))
        if on_progress is not None:  # 'shot': the photo is taken and about to be sent
            self.on('shot', _unwrap(on_progress))
            self.on('progress', _unwrap(on_progress), throttle=0.25)
        self.classes('w-full')

    def show_outline(self, points: list[list[float]] | None) -> None:
        """Draw the page's outline (fractions of the frame), or clear it with None."""
        self.run_method('show_outline', points)

    def shoot(self) -> None:
        self.run_method('shoot')

    def set_upload_url(self, url: str) -> None:
        self._props['upload_url'] = url
        self.update()

    def set_auto_capture(self, on: bool) -> None:
        self._props['auto_capture'] = on
        self.update()

    def set_active(self, on: bool) -> None:
        """Stop the camera (and its light) while the person edits a page; start it again for the next one."""
        self._props['active'] = on
        self.update()


def _unwrap(handler: Handler) -> Callable[[GenericEventArguments], Awaitable[None] | None]:
    def on_event(event: GenericEventArguments) -> Awaitable[None] | None:
        return handler(event.args if isinstance(event.args, dict) else {})
    return on_event
