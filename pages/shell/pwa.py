"""The installable app shell: web app manifest, root-scoped service worker and the translated offline page."""
import hashlib
import html
import json
from pathlib import Path

from fastapi import Response
from nicegui import __version__ as nicegui_version
from nicegui import app, ui

from components.core.design import PRIMARY
from portal.core import routes
from portal.core.i18n import LANGUAGES, SOURCE, Translator
from portal.services import Portal

ROUTE = routes.MANIFEST
ASSETS = Path(__file__).resolve().parents[2] / 'assets'
HEAD = '''<link rel="manifest" href="/manifest.webmanifest">
<meta name="theme-color" content="{colour}">
<link rel="apple-touch-icon" href="/assets/icons/icon-192.png">
<script>if ('serviceWorker' in navigator) {{ window.addEventListener('load', () =>
  navigator.serviceWorker.register('/sw.js', {{scope: '/'}}).catch(() => {{}})); }}</script>'''


def register(portal: Portal) -> None:
    del portal  # the shell needs no services
    offline = offline_page()
    worker = service_worker(offline)

    @app.get(ROUTE, include_in_schema=False)
    def manifest() -> Response:
        return Response(json.dumps(manifest_data(), ensure_ascii=False), media_type='application/manifest+json')

    @app.get(routes.SERVICE_WORKER, include_in_schema=False)
    def sw() -> Response:
        return Response(worker, media_type='text/javascript',
                        headers={'Service-Worker-Allowed': '/', 'Cache-Control': 'no-cache'})

    @app.get(routes.OFFLINE, include_in_schema=False)
    def offline_html() -> Response:
        return Response(offline, media_type='text/html; charset=utf-8', headers={'Cache-Control': 'no-cache'})

    ui.add_head_html(HEAD.format(colour=PRIMARY), shared=True)


def manifest_data() -> dict:
    t = Translator(SOURCE)
    icons = [{'src': '/assets/icons/icon-192.png', 'sizes': '192x192', 'type': 'image/png', 'purpose': 'any'},
             {'src': '/assets/icons/icon-512.png', 'sizes': '512x512', 'type': 'image/png', 'purpose': 'any'},
             {'src': '/assets/icons/maskable-512.png', 'sizes': '512x512', 'type': 'image/png',
              'purpose': 'maskable'}]
    return {'name': t('app.name'), 'short_name': 'Jobcenter', 'lang': SOURCE, 'dir': 'ltr', 'id': '/',
            'start_url': '/', 'scope': '/', 'display': 'standalone',  # no orientation lock (WCAG 1.3.4)
            'theme_color': PRIMARY, 'background_color': '#ffffff', 'icons': icons}


def service_worker(offline: str) -> str:
    """The cache name changes with NiceGUI, any asset and the offline texts, so an update replaces the cache."""
    digest = hashlib.sha256(nicegui_version.encode() + offline.encode())
    for path in sorted(ASSETS.rglob('*')):
        if path.is_file():
            digest.update(path.read_bytes())
    source = (ASSETS / 'sw.js').read_text(encoding='utf-8')
    return source.replace('__VERSION__', digest.hexdigest()[:12]).replace('__NICEGUI__', nicegui_version)


def offline_page() -> str:
    """One static page with the text in every language, picked in the browser (no server when offline)."""
    texts = {code: {key: Translator(code)(f'offline.{key}') for key in ('title', 'text', 'retry')} | {
        'name': Translator(code)('app.name'), 'dir': Translator(code).direction} for code in LANGUAGES}
    german = {key: html.escape(text) for key, text in texts[SOURCE].items()}
    return (ASSETS / 'offline.html').read_text(encoding='utf-8').format(
        texts=json.dumps(texts, ensure_ascii=False).replace('</', '<\\/'), colour=PRIMARY, **german)
