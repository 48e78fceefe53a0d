"""A PDF shown in the page (an ``<iframe>``: the page's CSP forbids ``<object>``), with links to open or save it.

Phone browsers often cannot show a PDF inside a page, so the links are always there, above the frame; the hint
that says so is shown on small screens only. The frame's height is in the design module (``portal-pdf-frame``).
"""
from nicegui import ui


def pdf_frame(src: str, *, title: str, open_label: str, download_label: str, download_src: str,
              hint: str = '', heading: str = '') -> ui.element:
    """``src`` must allow being framed by this origin (``frame-ancestors 'self'``, ``X-Frame-Options``);
    ``heading`` (level 2) shares a line with the links, leaving the height to the document."""
    with ui.element('div').classes('column gap-2 w-full') as root:
        with ui.row().classes('gap-x-4 gap-y-0 items-center w-full'):
            if heading:
                ui.label(heading).classes('text-h6 col-grow').props('role=heading aria-level=2')
            ui.link(open_label, src, new_tab=True).classes('text-body1 q-py-sm').mark('open-pdf')
            ui.link(download_label, download_src).classes('text-body1 q-py-sm').mark('download-pdf')
        if hint:
            ui.label(hint).classes('text-body2 lt-md')
        # open at the page's width, without the thumbnails beside it (Chromium's and Firefox's viewers read this)
        ui.element('iframe').props(f'src="{src}#navpanes=0&view=FitH" title="{title}"').classes(
            'portal-pdf-frame').mark('pdf-frame')
    return root
