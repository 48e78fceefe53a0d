"""Composition only: settings, services, static files, middleware, pages, then ``ui.run``."""
import asyncio
import logging
import sys
from pathlib import Path

from nicegui import app, background_tasks, core, run, ui
from nicegui.storage import Storage

import pages
from portal.core.settings import InsecureSettings, Settings
from portal.core.web import SecurityHeaders, outermost
from portal.services import Portal, build_portal

ASSETS = Path(__file__).parent / 'assets'
UPKEEP_SECONDS = 3600
MAIL_SECONDS = 20


def main() -> None:
    settings = Settings()
    try:
        portal = build_portal(settings)
    except InsecureSettings as problem:
        sys.exit(str(problem))
    portal.database.migrate()
    portal.recover()  # before serving: no upload of this process is in flight yet

    if settings.redis_url:  # several instances behind a load balancer share browser storage through Redis
        Storage.redis_url = settings.redis_url
        app.storage = Storage()
    outermost(app, lambda inner: SecurityHeaders(inner, https=settings.secure_cookies))
    app.add_static_files('/assets', ASSETS)
    core.sio.eio.cors_allowed_origins = [settings.origin]
    pages.register_all(portal)
    app.on_startup(lambda: background_tasks.create(_upkeep(portal), name='upkeep'))
    app.on_startup(lambda: background_tasks.create(_mail(portal), name='mail'))
    app.on_startup(portal.events.start)  # with Redis: listening before the first page subscribes
    app.on_shutdown(portal.workers.close)
    app.on_shutdown(portal.events.close)
    app.on_startup(lambda: _announce(settings))  # NiceGUI's own welcome message is off

    ui.run(
        host=settings.host,
        port=settings.port,
        title='Jobcenter-Portal',
        favicon=ASSETS / 'icons' / 'icon-192.png',
        language='de',
        storage_secret=settings.secret_key.get_secret_value(),
        session_middleware_kwargs={'https_only': settings.secure_cookies, 'same_site': 'lax',
                                   'max_age': settings.session_hours * 3600},
        reconnect_timeout=settings.reconnect_timeout,
        fastapi_docs=False,
        show=False,
        reload=False,
        show_welcome_message=False,
        tailwind=False,  # the utility classes are in assets/portal.css (pages/first_load.py)
    )


def _announce(settings: Settings) -> None:
    listening = f'http://{f"[{settings.host}]" if ":" in settings.host else settings.host}:{settings.port}'
    public = str(settings.public_url).rstrip('/')
    print(f'Jobcenter-Portal listening on {listening}' + (f' (public URL {public})' if public != listening else ''),
          flush=True)


async def _upkeep(portal: Portal) -> None:
    while True:
        await run.io_bound(portal.upkeep)
        await asyncio.sleep(UPKEEP_SECONDS)



async def _mail(portal: Portal) -> None:
    while True:
        try:
            await portal.mail_round()
        except Exception:  # a lost database connection must not end the sending for good: the next round tries again
            logging.getLogger('portal.mail').exception('a round of e-mail failed')
        await asyncio.sleep(MAIL_SECONDS)


if __name__ == '__main__':
    main()
