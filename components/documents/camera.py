"""The live document camera (``camera.js``): rear-camera preview with the sheet's outline drawn over it.

The browser sends small preview frames (long side 480 px, JPEG data URL, tens of KB); ``on_frame`` gets their bytes;
the page answers with ``show_outline`` (four [x, y] in 0..1 of the frame, or None). A shot, and any file
picked through the fallbacks (the phone's own camera app, photos or PDFs from the gallery), goes by HTTP
POST to ``upload_url`` with an ``X-Upload-Key`` (one UUID per photo, kept for retries), never over the
websocket. The stream stops when the element is removed or ``active`` is switched off.
"""
import base64
import binascii
from collections.abc import Awaitable, Callable
from typing import Any

from nicegui import ui
from nicegui.events import GenericEventArguments

from portal.core.i18n import Translator

Handler = Callable[[dict[str, Any]], Awaitable[None] | None]
FrameHandler = Callable[[bytes], Awaitable[None] | None]
MAX_FRAME = 400_000  # characters of a preview frame's data URL; real ones are a tenth of that

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
                 on_frame: FrameHandler | None = None, on_uploaded: Handler | None = None,
                 on_failed: Handler | None = None, on_progress: Handler | None = None) -> None:
        super().__init__()
        ui.add_css(CSS)
        self._props['upload_url'] = upload_url
        self._props['labels'] = labels
        self._props['max_bytes'] = max_bytes
        self._props['auto_capture'] = auto_capture
        self._props['active'] = True
        if on_frame is not None:
            self.on('frame', lambda event: on_frame(frame_bytes(event.args)))
        for name, handler in (('uploaded', on_uploaded), ('failed', on_failed)):
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


def camera_controls(camera: DocumentCamera, *, auto: bool, t: Translator,
                    on_auto: Callable[[bool], None]) -> ui.row:
    """Below the preview: the auto-capture switch and the shutter button."""
    with ui.row().classes('w-full items-center justify-between no-wrap gap-2') as row:
        ui.switch(t('capture.auto'), value=auto, on_change=lambda event: on_auto(event.value)).mark('auto')
        ui.button(icon='photo_camera', on_click=camera.shoot).props(
            f'round unelevated size=xl color=primary aria-label="{t("capture.shutter")}" '
            f'title="{t("capture.shutter")}"').mark('shutter')
    return row


def frame_bytes(args: dict[str, Any]) -> bytes:
    """The JPEG bytes of a preview frame's data URL; nothing for anything too large or not base64."""
    image = str(args.get('image', '')) if isinstance(args, dict) else ''
    try:
        return base64.b64decode(image.partition(',')[2], validate=True) if len(image) < MAX_FRAME else b''
    except (binascii.Error, ValueError):
        return b''
