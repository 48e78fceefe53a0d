"""A PDF shown in the page (an ``<iframe>``: the page's CSP forbids ``<object>``), with links to open or save it.

Phone browsers often cannot show a PDF inside a page, so the links are always there, above the frame.
"""
from nicegui import ui


def pdf_frame(src: str, *, title: str, open_label: str, download_label: str, download_src: str,
              hint: str = '') -> ui.element:
    """``src`` must allow being framed by this origin (``frame-ancestors 'self'``, ``X-Frame-Options``)."""
    with ui.element('div').classes('column gap-2 w-full') as root:
        if hint:
            ui.label(hint).classes('text-body2')
        with ui.row().classes('gap-4 items-center'):
            ui.link(open_label, src, new_tab=True).classes('text-body1 q-py-sm').mark('open-pdf')
            ui.link(download_label, download_src).classes('text-body1 q-py-sm').mark('download-pdf')
        ui.element('iframe').props(f'src="{src}" title="{title}"').classes('w-full').style(
            'height: 75vh; min-height: 24rem; border: 1px solid #8a8a8a; border-radius: 4px').mark('pdf-frame')
    return root
