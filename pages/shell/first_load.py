"""What a phone needs for its first paint, linked from every page's head: the portal's stylesheet (the utility
classes, as NiceGUI runs without Tailwind) and the Material Icons subset at content-hashed, long-cached URLs, and
preload hints for both fonts, so they load beside the stylesheets instead of after them."""
import hashlib
import re
from pathlib import Path

import nicegui
from nicegui import __version__ as nicegui_version
from nicegui import app, ui

from portal.services import Portal

ROUTE = '/static/{digest}/{name}'
ASSETS = Path(__file__).resolve().parents[2] / 'assets'
FILES = {'portal.css': ASSETS / 'portal.css',  # names the font by a relative URL: both share one digest
         'material-icons.woff2': ASSETS / 'fonts' / 'material-icons.woff2'}
A_YEAR = 365 * 24 * 3600
NICEGUI_FONTS = Path(nicegui.__file__).parent / 'static' / 'fonts.css'


def register(portal: Portal) -> None:
    del portal  # static files need no services
    digest = content_digest()
    for name, path in FILES.items():
        app.add_static_file(local_file=path, url_path=ROUTE.format(digest=digest, name=name), max_cache_age=A_YEAR)
    ui.add_head_html(head_html(digest), shared=True)


def content_digest() -> str:
    digest = hashlib.sha256()
    for path in FILES.values():
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def head_html(digest: str) -> str:
    folder = f'/static/{digest}'
    return '\n'.join([
        f'<link rel="preload" href="{text_font()}" as="font" type="font/woff2" crossorigin>',
        f'<link rel="preload" href="{folder}/material-icons.woff2" as="font" type="font/woff2" crossorigin>',
        f'<link rel="stylesheet" href="{folder}/portal.css">',
    ])


def text_font() -> str:
    """The Roboto file of Latin text (one variable font for every weight), as NiceGUI's fonts.css names it."""
    css = NICEGUI_FONTS.read_text(encoding='utf-8')
    match = re.search(r'/\* latin \*/\s*@font-face \{\s*font-family: "Roboto";[^}]*?src: url\(([^)]+)\)', css)
    if match is None:  # a NiceGUI update changed its fonts.css: the start-up fails rather than preload nothing
        raise RuntimeError(f'no Latin Roboto font in {NICEGUI_FONTS}')
    return f'/_nicegui/{nicegui_version}/static/{match.group(1)}'
