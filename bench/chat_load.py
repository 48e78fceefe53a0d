"""Chat under load: N signed-in chat pages on one portal process, staff replies at a steady rate.

    .venv/bin/python bench/chat_load.py [--clients 1000] [--rate 20] [--seconds 30]

Sets up a fresh database in a temporary folder (one team, one case worker, N customers, each with a conversation),
starts main.py as a server, and opens each customer's chat page the way a browser does: the page over HTTP with
the customer's session cookie, then a socket.io websocket with the page's client id and NiceGUI's handshake. The
case worker then posts replies over HTTP to random conversations; a reply counts as delivered when the socket of
the customer's page receives it. Prints one figure per line, in plain words.
"""
import argparse
import asyncio
import base64
import json
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import httpx
import socketio
from itsdangerous import TimestampSigner

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from argon2 import PasswordHasher  # noqa: E402
from sqlmodel import select  # noqa: E402

import portal.core.crypto  # noqa: E402
from portal.chat.models import TeamChat  # noqa: E402
from portal.core.settings import Settings  # noqa: E402
from portal.factories import make_customer, make_location, make_staff, make_team  # noqa: E402
from portal.identity.auth import build_actor  # noqa: E402
from portal.identity.models import Account, LoginSession  # noqa: E402
from portal.services import build_portal  # noqa: E402

SOCKET_PATH = '/_nicegui_ws/socket.io'
CLIENT_ID = re.compile(r"'client_id': '([0-9a-f-]{36})'")


@dataclass
class Browser:
    cookie: str
    conversation_id: int
    socket: socketio.AsyncClient | None = None


@dataclass
class Tally:
    posted: dict[str, float] = field(default_factory=dict)  # message text -> when it was posted
    latencies: list[float] = field(default_factory=list)
    last: float = 0.0  # when the newest reply arrived
    seen: set[str] = field(default_factory=set)


def main() -> None:
    options = _options()
    # sign-in is not what is measured: cheap hashes (argon2 keeps its cost in the hash, the server only verifies)
    portal.core.crypto._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    folder = Path(tempfile.mkdtemp(prefix='chat-load-'))
    secret = secrets.token_urlsafe(48)
    settings = Settings(_env_file=None, database_url=f'sqlite:///{folder / "portal.db"}', data_dir=folder / 'data',
                        secret_key=secret, chat_messages_per_minute=100_000)
    print(f'setting up {options.clients} customers with a conversation each …', flush=True)
    browsers, staff = _populate(settings, folder / 'nicegui', secret, options.clients)
    port = options.port
    server = _serve(folder, settings, secret, port)
    try:
        asyncio.run(_measure(options, f'http://127.0.0.1:{port}', server.pid, browsers, staff))
    finally:
        server.terminate()
        server.wait(15)


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--clients', type=int, default=1000)
    parser.add_argument('--rate', type=float, default=20.0, help='messages per second')
    parser.add_argument('--seconds', type=float, default=30.0, help='how long replies are posted')
    parser.add_argument('--port', type=int, default=8099)
    parser.add_argument('--page', default='/chat/{id}', help='the page each customer opens')
    return parser.parse_args()


def _populate(settings: Settings, storage: Path, secret: str, count: int) -> tuple[list[Browser], Browser]:
    """Customers, a case worker and their sign-ins, written as NiceGUI's browser storage with a signed cookie."""
    portal = build_portal(settings)
    portal.database.migrate()
    storage.mkdir(parents=True, exist_ok=True)
    tokens: list[tuple[str, int]] = []
    with portal.database.session() as session:
        office = make_location(session=session, name='Jobcenter Lasttest')
        team = make_team(session=session, location=office, name='Team Last')
        session.add(TeamChat(team_id=team.id, concerns=['benefits']))
        worker = make_staff(session=session, location=office, teams=(team,), first_name='Lena', last_name='Last')
        customers = [make_customer(session=session, team=team, first_name=f'Kunde{n}', last_name='Last')
                     for n in range(count)]
        session.commit()
        staff_token = _sign_in(portal, session, select(Account).where(Account.staff_id == worker.id), mfa=True)
        for customer in customers:
            token = _sign_in(portal, session, select(Account).where(Account.customer_id == customer.id))
            login = session.exec(select(LoginSession).order_by(LoginSession.id.desc())).first()  # type: ignore[union-attr]
            actor = build_actor(session, login, portal.clock().date())
            talk = portal.chat.start(actor, 'benefits', 'Guten Tag, ich habe eine Frage.', f'bench-{uuid.uuid4().hex}')
            tokens.append((token, talk.id))
    portal.database.engine.dispose()
    signer = TimestampSigner(secret)
    browsers = [Browser(_browser(storage, signer, token), conversation_id) for token, conversation_id in tokens]
    return browsers, Browser(_browser(storage, signer, staff_token), 0)


def _sign_in(portal, session, query, *, mfa: bool = False) -> str:
    account = session.exec(query).one()
    token = portal.auth.open_session(session, account, '127.0.0.1').token
    if mfa:
        login = session.exec(select(LoginSession).where(LoginSession.account_id == account.id)).one()
        login.mfa_done = True
        session.add(login)
    session.commit()
    return token


def _browser(storage: Path, signer: TimestampSigner, token: str) -> str:
    """A browser id whose NiceGUI user storage holds the sign-in, and the session cookie naming it."""
    browser_id = str(uuid.uuid4())
    (storage / f'storage-user-{browser_id}.json').write_text(json.dumps({'token': token, 'lang': 'de'}))
    value = signer.sign(base64.b64encode(json.dumps({'id': browser_id}).encode())).decode()
    return f'session={value}'


def _serve(folder: Path, settings: Settings, secret: str, port: int) -> subprocess.Popen:
    env = {name: value for name, value in os.environ.items() if not name.startswith(('PYTEST_', 'PORTAL_', 'NICEGUI_'))}
    env.update(PORTAL_DATABASE_URL=settings.database_url, PORTAL_DATA_DIR=str(settings.data_dir),
               PORTAL_SECRET_KEY=secret, PORTAL_PORT=str(port), PORTAL_PUBLIC_URL=f'http://127.0.0.1:{port}',
               PORTAL_CHAT_MESSAGES_PER_MINUTE='100000', NICEGUI_STORAGE_PATH=str(folder / 'nicegui'),
               PORTAL_RECONNECT_TIMEOUT='60')
    log = (folder / 'server.log').open('wb')
    server = subprocess.Popen([sys.executable, 'main.py'], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while not _answers(f'http://127.0.0.1:{port}/login'):
        if server.poll() is not None or time.monotonic() > deadline:
            sys.exit(f'the portal did not start: {(folder / "server.log").read_text()[-2000:]}')
        time.sleep(0.3)
    return server


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


async def _measure(options: argparse.Namespace, base: str, pid: int, browsers: list[Browser], staff: Browser) -> None:
    tally = Tally()
    connector = aiohttp.TCPConnector(limit=50)
    async with aiohttp.ClientSession(connector=connector) as http:
        await _open(http, base, options.page, browsers[:1], tally)  # the first page loads code and caches
        before = _rss_kib(pid)
        started = time.monotonic()
        for start in range(1, len(browsers), 50):
            await _open(http, base, options.page, browsers[start:start + 50], tally)
        connected = sum(1 for browser in browsers if browser.socket is not None and browser.socket.connected)
        print(f'{connected} clients connected (in {time.monotonic() - started:.0f} s)', flush=True)
        await asyncio.sleep(5)
        after = _rss_kib(pid)
        print(f'memory {(after - before) / max(connected - 1, 1):.0f} KiB per client '
              f'(server {before / 1024:.0f} MiB before, {after / 1024:.0f} MiB with all connected)', flush=True)
        await _post(http, base, options, browsers, staff, tally)
        for browser in browsers:
            if browser.socket is not None:
                await browser.socket.disconnect()


async def _open(http: aiohttp.ClientSession, base: str, page: str, browsers: list[Browser], tally: Tally) -> None:
    await asyncio.gather(*(_connect(http, base, page, browser, tally) for browser in browsers))


async def _connect(http: aiohttp.ClientSession, base: str, page: str, browser: Browser, tally: Tally) -> None:
    async with http.get(base + page.format(id=browser.conversation_id), headers={'Cookie': browser.cookie}) as answer:
        html = await answer.text()
    found = CLIENT_ID.search(html)
    if answer.status != 200 or found is None:
        print(f'page {page} answered {answer.status}', flush=True)
        return
    client_id = found.group(1)
    query = {'client_id': client_id, 'next_message_id': '0', 'implicit_handshake': 'true',
             'document_id': str(uuid.uuid4()), 'tab_id': str(uuid.uuid4())}
    sio = socketio.AsyncClient(reconnection=False)

    @sio.on('*')
    async def _any(event: str, *data: object) -> None:
        _arrived(tally, json.dumps(data, ensure_ascii=False))

    url = f'{base}?' + '&'.join(f'{key}={value}' for key, value in query.items())
    try:
        await sio.connect(url, socketio_path=SOCKET_PATH, transports=['websocket'],
                          headers={'Cookie': browser.cookie, 'Origin': base}, wait_timeout=30)
    except socketio.exceptions.ConnectionError as problem:
        print(f'socket refused: {problem!r}', flush=True)
        return
    browser.socket = sio


def _arrived(tally: Tally, payload: str) -> None:
    now = time.monotonic()
    for text in re.findall(r'bench-reply-\d+', payload):
        if text in tally.posted and text not in tally.seen:
            tally.seen.add(text)
            tally.latencies.append(now - tally.posted[text])
            tally.last = now


async def _post(http: aiohttp.ClientSession, base: str, options: argparse.Namespace, browsers: list[Browser],
                staff: Browser, tally: Tally) -> None:
    interval = 1 / options.rate
    count = int(options.seconds * options.rate)
    began = time.monotonic()
    sends = []
    for n in range(count):
        await asyncio.sleep(max(0.0, began + n * interval - time.monotonic()))
        browser = random.choice(browsers)
        sends.append(asyncio.create_task(_reply(http, base, staff, browser.conversation_id, n, tally)))
    await asyncio.gather(*sends)
    await asyncio.sleep(3)  # the last replies on their way
    took = tally.last - began
    lost = count - len(tally.latencies)
    if not tally.latencies:
        print('no reply reached a page', flush=True)
        return
    ordered = sorted(tally.latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    print(f'delivery median {statistics.median(ordered) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms '
          f'at {options.rate:g} messages per second', flush=True)
    print(f'{len(ordered) / took:.1f} messages per second delivered, {lost} of {count} not delivered', flush=True)


async def _reply(http: aiohttp.ClientSession, base: str, staff: Browser, conversation_id: int, n: int,
                 tally: Tally) -> None:
    text = f'bench-reply-{n}'
    tally.posted[text] = time.monotonic()
    body = {'text': text, 'client_id': f'bench-{uuid.uuid4().hex}', 'note': False, 'file_id': None}
    async with http.post(f'{base}/api/chat/conversations/{conversation_id}/messages', json=body,
                         headers={'Cookie': staff.cookie, 'Origin': base}) as answer:
        if answer.status >= 300:
            print(f'posting answered {answer.status}: {(await answer.text())[:200]}', flush=True)


def _rss_kib(pid: int) -> int:
    for line in Path(f'/proc/{pid}/status').read_text().splitlines():
        if line.startswith('VmRSS:'):
            return int(line.split()[1])
    return 0


if __name__ == '__main__':
    main()
