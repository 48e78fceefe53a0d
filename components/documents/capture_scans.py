"""The scans of a draft while capturing: the review of one scan and the list of all scans.

Data in (``DraftView``/``ScanView``), ``on_*`` callbacks out. Pictures come from the document routes:
``preview.jpg`` (the photo, long side 1280 px) and ``result.jpg`` (flattened, in its mode, turned; for an
imported PDF ``&sheet=<n>`` picks its sheet), whose URL carries the draft's version so a change shows at once.
"""
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from nicegui import ui

from components.documents.corner_editor import CornerEditor
from portal.core import routes
from portal.core.i18n import Translator
from portal.documents import MODES, DraftView, ScanView
from portal.documents.kinds import IMAGE

CORNER_KEYS = ('capture.corner_top_left', 'capture.corner_top_right', 'capture.corner_bottom_right',
               'capture.corner_bottom_left')
Action = Callable[[], Awaitable[None]]
TURNING_HELPS = ('not_upright', 'orientation_unclear')  # the "Rotate" button fixes these, a new photo does not
SHEET = 'portal-sheet'  # a thin edge around a sheet's picture (components.design): white paper on a white card


@dataclass(frozen=True)
class ScanActions:
    """What the person can do with one scan; each callback gets the scan."""

    select: Callable[[ScanView], Awaitable[None]]
    move: Callable[[ScanView, int], Awaitable[None]]
    delete: Callable[[ScanView], Awaitable[None]]
    retake: Callable[[ScanView], Awaitable[None]]


def preview_url(scan: ScanView) -> str:
    return routes.SCAN_PREVIEW.format(scan_id=scan.id)


def result_urls(draft: DraftView, scan: ScanView) -> list[str]:
    """The scan as it will be sent: one picture of a photo, one of every sheet of an imported PDF."""
    url = routes.SCAN_RESULT.format(draft_id=draft.id, scan_id=scan.id) + f'?v={draft.version}'
    if scan.source == IMAGE:
        return [url]
    return [f'{url}&sheet={index}' for index in range(scan.sheets)]


class QualityNotes(ui.column):
    """Plain-language warnings about a photo with the offer to retake it, or that it reads well.

    It stands below the photo: the warnings change after a corner moved (``show`` puts those of the scan judged
    again in their place), and above the photo they would push it away under the person's finger. They change
    inside one lasting live region, so screen readers announce them; the retake button stays outside it.
    """

    def __init__(self, scan: ScanView, *, t: Translator, on_retake: Action) -> None:
        super().__init__()
        self.t = t
        self.classes('w-full gap-2')
        with self:
            self.said = ui.column().classes('w-full gap-2').props('aria-live=polite aria-atomic=true')
            self.retake = ui.button(t('capture.retake'), icon='replay', on_click=on_retake).props(
                'unelevated no-caps color=warning').classes('w-full').mark('quality-retake')
        self.show(scan)

    def show(self, scan: ScanView) -> None:
        self.visible = scan.source == IMAGE
        self.retake.visible = any(code not in TURNING_HELPS for code in scan.quality)
        self.said.clear()
        with self.said:
            if not scan.quality:
                with ui.row().classes('items-center no-wrap gap-2').mark('quality-ok'):
                    ui.icon('check_circle', size='sm').classes('text-positive')
                    ui.label(self.t('capture.quality_ok')).classes('text-body1')
                return
            with ui.column().classes('w-full gap-2').mark('quality-warnings'):
                for code in scan.quality:
                    with ui.row().classes('items-start no-wrap gap-2'):
                        ui.icon('screen_rotation' if code in TURNING_HELPS else 'warning', size='sm').classes(
                            'text-warning')
                        ui.label(self.t(f'documents.quality.{code}')).classes('text-body1').mark(f'quality-{code}')


class ScanResult(ui.element):
    """The flattened scan as it will be sent; an imported PDF shows every one of its sheets.

    ``show`` points the pictures at a newer version of the draft (after a change of corners, mode or turns).
    """

    def __init__(self, draft: DraftView, scan: ScanView, *, t: Translator) -> None:
        super().__init__()
        self.t = t
        self.pictures: list[ui.image] = []
        self.classes('w-full')
        self.show(draft, scan)

    def show(self, draft: DraftView, scan: ScanView) -> None:
        urls = result_urls(draft, scan)
        if len(urls) == len(self.pictures):
            for picture, url in zip(self.pictures, urls, strict=True):
                picture.set_source(url)
            return
        self.clear()
        with self:
            if len(urls) == 1:
                self.pictures = [ui.image(urls[0]).props(f'alt="{self.t("capture.result")}" fit=contain no-spinner')
                                 .classes('w-full bg-grey-3 rounded-borders').style('max-height: 70vh')
                                 .mark('result')]
                return
            with ui.element('ol').classes('portal-pdf-pages w-full q-pa-none q-ma-none').style(
                    'list-style: none; display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px'):
                self.pictures = [self._sheet(url, index, len(urls)) for index, url in enumerate(urls)]

    def _sheet(self, url: str, index: int, count: int) -> ui.image:
        name = self.t('capture.pdf_page', number=self.t.number(index + 1), count=self.t.number(count))
        with ui.element('li').classes('column items-center gap-1'):
            picture = ui.image(url).props(f'alt="{name}" fit=contain loading=lazy no-spinner').classes(
                f'w-full bg-grey-3 rounded-borders {SHEET}').style('aspect-ratio: 1 / 1.414').mark(f'result-{index}')
            ui.label(name).classes('text-body2')
        return picture


@dataclass(frozen=True)
class Review:
    """The parts of a scan's review that change while the person works on it."""

    heading: ui.label  # takes the focus when the review opens
    notes: QualityNotes
    result: ScanResult


def scan_review(draft: DraftView, scan: ScanView, *, t: Translator,
                on_corners: Callable[[list[list[float]]], Awaitable[None]],
                on_mode: Callable[[str], Awaitable[None]], on_rotate: Action, on_retake: Action) -> Review:
    """Corner handles on the photo, its warnings below it, then the flattened scan with mode and rotation."""
    number = scan.position + 1
    heading = ui.label(t('capture.check_page', number=number)).classes('text-h6').props(
        'role=heading aria-level=2 tabindex=-1')
    if scan.source == IMAGE:
        ui.label(t('capture.corners_help')).classes('text-body1')
        corners = None if scan.corners is None else [[x * scan.scale, y * scan.scale] for x, y in scan.corners]
        CornerEditor(preview_url(scan), corners, on_change=on_corners, labels={
            'image': t('capture.photo'), 'corners': [t(key) for key in CORNER_KEYS]}).mark('corner-editor')
    else:
        ui.label(t('capture.sheets', count=t.number(scan.sheets))).classes('text-body1')
    notes = QualityNotes(scan, t=t, on_retake=on_retake)  # below the photo: changing warnings never move it
    ui.label(t('capture.result')).classes('text-subtitle1 text-weight-medium')
    result = ScanResult(draft, scan, t=t)
    with ui.row().classes('w-full items-center gap-2'):
        if scan.source == IMAGE:
            ui.toggle({mode: t(f'documents.mode.{mode}') for mode in MODES}, value=scan.mode,
                      on_change=lambda event: on_mode(event.value)).props(
                f'no-caps spread role=group aria-label="{t("capture.mode")}"').classes('col-grow').mark('mode')
        ui.button(t('capture.rotate'), icon='rotate_right', on_click=on_rotate).props(
            'outline no-caps').style('min-height: 48px').mark('rotate')
    return Review(heading, notes, result)


def scan_list(draft: DraftView, *, t: Translator, selected: int | None,
              actions: ScanActions) -> dict[str, ui.element]:
    """Every scan with a small picture, its warnings, and buttons to edit, move, retake and delete.

    Returns what can take the focus after a change redrew the list: ``'heading'`` and each scan's buttons by
    their markers (``'up-<scan id>'`` ...).
    """
    targets: dict[str, ui.element] = {'heading': ui.label(t('capture.pages')).classes('text-h6').props(
        'role=heading aria-level=2 tabindex=-1')}
    if not draft.scans:
        ui.label(t('capture.no_pages')).classes('text-body1').mark('no-scans')
        return targets
    with ui.element('ol').classes('column gap-2 w-full q-pa-none q-ma-none').style('list-style: none'):
        for index, scan in enumerate(draft.scans):
            with ui.element('li').classes('w-full'):
                targets |= _scan_row(scan, index, len(draft.scans), t=t, chosen=scan.id == selected,
                                     actions=actions)
    return targets


def _scan_row(scan: ScanView, index: int, count: int, *, t: Translator, chosen: bool,
              actions: ScanActions) -> dict[str, ui.button]:
    name = t('capture.page', number=index + 1)
    with ui.card().classes('portal-card q-pa-sm' + (' bg-blue-1' if chosen else '')).props('flat bordered') \
            .mark(f'scan-{scan.id}'):
        with ui.row().classes('w-full items-center no-wrap gap-3'):
            ui.image(preview_url(scan)).props(f'alt="{name}" fit=contain loading=lazy no-spinner') \
                .classes(f'w-16 h-20 bg-grey-3 rounded-borders {SHEET}').style('flex: none')
            with ui.column().classes('gap-0 col').style('min-width: 0'):  # a long warning wraps inside the card
                ui.label(name).classes('text-subtitle1 text-weight-medium')
                if scan.source != IMAGE:
                    ui.label(t('capture.sheets', count=t.number(scan.sheets))).classes('text-body2')
                elif scan.quality:
                    ui.label(t(f'documents.quality.{scan.quality[0]}')).classes(
                        'text-body2 text-warning ellipsis-2-lines')
        with ui.row().classes('w-full justify-end gap-1'):
            buttons = {
                f'edit-{scan.id}': _icon_button('edit', t('capture.edit'), lambda: actions.select(scan)),
                f'up-{scan.id}': _icon_button('arrow_upward', t('capture.move_up'),
                                              lambda: actions.move(scan, index - 1), enabled=index > 0),
                f'down-{scan.id}': _icon_button('arrow_downward', t('capture.move_down'),
                                                lambda: actions.move(scan, index + 1), enabled=index < count - 1),
                f'retake-{scan.id}': _icon_button('replay', t('capture.retake'), lambda: actions.retake(scan)),
                f'delete-{scan.id}': _icon_button('delete', t('capture.delete'), lambda: actions.delete(scan)),
            }
    for marker, button in buttons.items():
        button.mark(marker)
    return {marker: button for marker, button in buttons.items() if button.enabled}


def _icon_button(icon: str, label: str, on_click: Action, *, enabled: bool = True) -> ui.button:
    button = ui.button(icon=icon, on_click=on_click).style('min-width: 48px; min-height: 48px').props(
        f'flat round color=primary aria-label="{label}" title="{label}"')
    button.set_enabled(enabled)
    return button
