"""The state of a capture page and its handlers: camera, review of one scan, the list of scans, sending."""
import asyncio
from collections.abc import Callable
from typing import Concatenate, ParamSpec

from nicegui import app, ui

from components.core.busy import busy_button
from components.core.focus import focus
from components.documents.camera import DocumentCamera, camera_controls
from components.documents.capture_scans import Review, ScanActions, scan_list, scan_review
from pages.core.calls import call
from pages.core.guard import View
from pages.documents.overview import ROUTE as DOCUMENTS
from portal.core import routes
from portal.core.errors import Conflict, NotFound, PortalError
from portal.documents import DraftView, ScanView
from portal.documents.limits import megabytes
from portal.identity.roles import Actor

AUTO_KEY = 'capture_auto'
P = ParamSpec('P')


class Capture:
    """The state of one capture page: the draft as last seen, the scan being reviewed, a retake under way."""

    camera: DocumentCamera  # made by ``build``
    camera_card: ui.card

    def __init__(self, view: View, draft: DraftView) -> None:
        self.view, self.t, self.draft = view, view.t, draft
        self.documents = view.portal.documents
        self.selected: int | None = None
        self.retaking: ScanView | None = None
        self.retake_label: ui.label | None = None
        self.shown: Review | None = None
        self.listed: dict[str, ui.element] = {}  # what in the scan list can take the focus (``scan_list``)
        self.actions = ScanActions(self.on_select, self.on_move, self.on_delete, self.on_retake)
        # one change of the draft at a time: a second tap (turn, then mode) waits for the first and then goes
        # with the version it saved, instead of racing it into a conflict with itself
        self.changing = asyncio.Lock()

    def build(self, auto: bool) -> None:
        t = self.t
        summary = t('capture.send_summary', kind=t(f'documents.kind.{self.draft.kind}'),
                    sheets=t.number(self.draft.sheet_count))
        self.summary = ui.label(summary).classes('text-subtitle1').mark('summary')
        self._camera_card(auto)
        with ui.card().classes('portal-card') as self.review_card:
            self.review()
        with ui.card().classes('portal-card'):
            self.scans()
        self._send_card()
        self._show_mode()

    def _camera_card(self, auto: bool) -> None:
        t = self.t
        with ui.card().classes('portal-card') as self.camera_card:
            self.camera_heading = ui.label(t('capture.camera')).classes('text-h6').props(
                'role=heading aria-level=2 tabindex=-1')
            ui.label(t('capture.hint')).classes('text-body2')
            self.retake_banner = ui.row().classes('w-full items-center gap-2 bg-amber-1 q-pa-sm rounded-borders')
            self.camera = DocumentCamera(
                self._upload_url(), max_bytes=self.documents.limits.upload_bytes,
                auto_capture=auto, on_frame=self.on_frame, on_uploaded=self.on_uploaded, on_failed=self.on_failed,
                on_progress=self.on_progress,
                labels={'phone_camera': t('capture.phone_camera'), 'pick_files': t('capture.pick_files'),
                        'no_camera': t('capture.no_camera'), 'too_large': self._too_large()}).mark('camera')
            self.uploading = ui.linear_progress(value=0, show_value=False).props('size=12px').classes('w-full')
            self.uploading.visible = False
            camera_controls(self.camera, auto=auto, t=t, on_auto=self.on_auto)

    def _send_card(self) -> None:
        t = self.t
        with ui.card().classes('portal-card'):
            self.progress = ui.linear_progress(value=0, show_value=False).props('size=16px').classes('w-full')
            self.progress_label = ui.label(t('capture.sending')).classes('text-body1').props('role=status')
            self.progress.visible = self.progress_label.visible = False
            self.send_button = busy_button(t('capture.send'), icon='send', on_click=self.on_send,
                                           props='unelevated no-caps size=lg').classes('w-full').mark('send')

    @ui.refreshable_method
    def review(self) -> None:
        scan = self._scan(self.selected)
        if scan is None:
            return
        self.shown = scan_review(self.draft, scan, t=self.t, on_corners=self.on_corners, on_mode=self.on_mode,
                                 on_rotate=self.on_rotate, on_retake=lambda: self.on_retake(scan))
        with ui.row().classes('w-full gap-2'):
            ui.button(self.t('capture.add_page'), icon='add_a_photo', on_click=self.on_add).props(
                'unelevated no-caps size=lg').classes('col-grow').mark('add-scan')

    @ui.refreshable_method
    def scans(self) -> None:
        self.listed = scan_list(self.draft, t=self.t, selected=self.selected, actions=self.actions)

    def _show_mode(self) -> None:
        """Camera while capturing or retaking; the review card while a scan is being checked."""
        reviewing = self._scan(self.selected) is not None and self.retaking is None
        self.camera_card.visible = not reviewing
        self.review_card.visible = reviewing
        self.camera.set_active(not reviewing)
        self.camera.set_upload_url(self._upload_url())
        self.retake_banner.clear()
        if self.retaking is not None:
            with self.retake_banner:
                self.retake_label = ui.label(self.t('capture.retaking', number=self.retaking.position + 1)).classes(
                    'text-body1 col-grow').props('tabindex=-1')
                ui.button(self.t('capture.cancel_retake'), on_click=self.on_cancel_retake).props('flat no-caps')
        self.retake_banner.visible = self.retaking is not None
        self.summary.text = self.t('capture.send_summary', kind=self.t(f'documents.kind.{self.draft.kind}'),
                                   sheets=self.t.number(self.draft.sheet_count))

    async def _refresh(self, *focus_on: str) -> None:
        """Redraw after a change; the focus goes to the first of ``focus_on`` still there: ``'review'``,
        ``'camera'``, ``'retake'`` (the banner) or a key of ``scan_list`` (the pressed button may be gone)."""
        await self.review.refresh()  # awaited: not awaited, NiceGUI redraws later in a background task
        await self.scans.refresh()
        self._show_mode()
        reviewing = self.review_card.visible
        targets = self.listed | {'review': self.shown.heading if reviewing and self.shown else None,
                                 'camera': None if reviewing else self.camera_heading,
                                 'retake': self.retake_label if self.retaking is not None else None}
        target = next((targets[key] for key in focus_on if targets.get(key) is not None), None)
        if target is not None:
            focus(target)

    def _scan(self, scan_id: int | None) -> ScanView | None:
        return next((scan for scan in self.draft.scans if scan.id == scan_id), None)

    def _upload_url(self) -> str:
        if self.retaking is not None:
            return routes.SCAN_REPLACE.format(scan_id=self.retaking.id)
        return routes.SCAN_UPLOAD.format(draft_id=self.draft.id)

    def _too_large(self) -> str:
        return self.t('documents.error.too_large', megabytes=megabytes(self.documents.limits.upload_bytes))

    async def _change(self, method: Callable[Concatenate[Actor, P], DraftView], *args: P.args,
                      **kwargs: P.kwargs) -> bool:
        """One change of the draft; a conflict (another tab) reloads the draft as it now is."""
        try:
            changed = await call(method, self.view.actor, *args, **kwargs)
        except PortalError as error:
            self.view.fail(error)
            if isinstance(error, Conflict):
                await self._reload()
                await self._refresh()
            return False
        self.draft = changed
        return True

    async def _reload(self) -> None:
        """The draft as it now is."""
        self.draft = await call(self.documents.draft, self.view.actor, self.draft.id)

    # --- camera -------------------------------------------------------------------------------------------
    async def on_frame(self, frame: bytes) -> None:
        self.camera.show_outline(await self.documents.outline(self.view.actor, frame))

    def on_auto(self, on: bool) -> None:
        app.storage.user[AUTO_KEY] = on  # remembered in this browser
        self.camera.set_auto_capture(on)

    async def on_progress(self, args: dict) -> None:
        total = float(args.get('total') or 0)
        self.uploading.visible = True
        self.uploading.value = float(args.get('loaded') or 0) / total if total else 0

    async def on_uploaded(self, args: dict) -> None:
        self.uploading.visible = False
        self.retaking = None
        await self._reload()
        self.selected = args.get('scan_id') if self._scan(args.get('scan_id')) else None
        await self._refresh('review')  # the camera card that had the focus is hidden now

    def on_failed(self, args: dict) -> None:
        self.uploading.visible = False
        ui.notify(args.get('message') or self.t('capture.upload_failed'), type='negative', position='top',
                  multi_line=True)

    # --- one scan -----------------------------------------------------------------------------------------
    async def on_corners(self, corners: list[list[float]]) -> None:
        async with self.changing:
            scan = self._scan(self.selected)
            if scan is None:  # no longer on screen
                return
            original = [[x / scan.scale, y / scan.scale] for x, y in corners]
            saved = await self._edit(scan, corners=original, mode=scan.mode, quarter_turns=scan.quarter_turns)
        if saved:
            await self._judge(scan.id, original, scan.quarter_turns)

    async def on_mode(self, mode: str) -> None:
        async with self.changing:
            scan = self._scan(self.selected)
            if scan is None:  # no longer on screen
                return
            await self._edit(scan, corners=scan.corners, mode=mode, quarter_turns=scan.quarter_turns)

    async def on_rotate(self) -> None:
        async with self.changing:
            scan = self._scan(self.selected)
            if scan is None:  # no longer on screen
                return
            turns = (scan.quarter_turns + 1) % 4
            saved = await self._edit(scan, corners=scan.corners, mode=scan.mode, quarter_turns=turns)
        if saved and scan.source == 'image':
            await self._judge(scan.id, scan.corners, turns)  # upright now, or still upside down?

    async def _edit(self, scan: ScanView, *, corners: list[list[float]] | None, mode: str, quarter_turns: int) -> bool:
        if not await self._change(self.documents.edit_scan, scan.id, corners=corners, mode=mode,
                                  quarter_turns=quarter_turns, version=self.draft.version):
            return False
        fresh = self._scan(scan.id)
        if self.selected == scan.id and self.shown is not None and fresh is not None:  # still on screen
            self.shown.result.show(self.draft, fresh)
        self.scans.refresh()
        return True

    async def _judge(self, scan_id: int, corners: list[list[float]] | None, turns: int) -> None:
        """Judge the photo again for the corners and turns just saved (quality depends on where the scan is and
        which way up it will be sent)."""
        try:
            fresh = await self.documents.judge(self.view.actor, scan_id, corners, turns)
        except NotFound:  # the scan was deleted or retaken meanwhile: nothing left to judge
            return
        except PortalError as error:
            self.view.fail(error)
            return
        if fresh.version >= self.draft.version:
            self.draft = fresh
        judged = next((scan for scan in fresh.scans if scan.id == scan_id), None)
        if judged is None or judged.corners != corners or judged.quarter_turns != turns:  # changed again: judged too
            return
        if self.selected == scan_id and self.shown is not None:
            self.shown.notes.show(judged)
        self.scans.refresh()

    async def on_add(self) -> None:
        self.selected = None
        await self._refresh('camera')

    # --- the list -----------------------------------------------------------------------------------------
    async def on_select(self, scan: ScanView) -> None:
        self.selected, self.retaking = scan.id, None
        await self._refresh('review')

    async def on_move(self, scan: ScanView, position: int) -> None:
        async with self.changing:
            moved = await self._change(self.documents.move_scan, scan.id, position, version=self.draft.version)
        if moved:
            ahead, back = ('up', 'down') if position < scan.position else ('down', 'up')
            await self._refresh(f'{ahead}-{scan.id}', f'{back}-{scan.id}')  # the same button, at the end the other

    async def on_delete(self, scan: ScanView) -> None:
        async with self.changing:
            deleted = await self._change(self.documents.delete_scan, scan.id, version=self.draft.version)
        if deleted:
            self.selected = None if self.selected == scan.id else self.selected
            await self._refresh('heading')

    async def on_retake(self, scan: ScanView) -> None:
        self.retaking, self.selected = scan, scan.id
        await self._refresh('retake')

    async def on_cancel_retake(self) -> None:
        self.retaking = None
        await self._refresh('review', 'camera')

    # --- sending ------------------------------------------------------------------------------------------
    async def on_send(self) -> None:
        self._progress(0.1)
        try:
            found = await self.documents.send(self.view.actor, self.draft.id, self.draft.send_key,
                                              language=self.t.code, on_progress=self._progress)
        except PortalError as error:
            self._progress(None)
            self.view.fail(error)
            return
        self._progress(1.0)
        ui.navigate.to(f'{DOCUMENTS}?receipt={found.id}&sent=1')

    def _progress(self, value: float | None) -> None:
        self.progress.visible = self.progress_label.visible = value is not None
        self.progress.value = value or 0
