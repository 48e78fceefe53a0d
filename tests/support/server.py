"""The portal as a real server for tests: main.py in a subprocess on a free port of 127.0.0.1.

Its database is ``folder/portal.db``, its files ``folder/data``, its NiceGUI storage and its log
``folder/storage-<port>`` and ``folder/server-<port>.log``, so several servers (and several pytest workers) never
share anything but the database a test gives them on purpose.
"""
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.support.fakes import TEST_SECRET

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 120  # seconds; a server usually answers within a few, a machine busy with other suites takes longer
STOP_TIMEOUT = 15
ATTEMPTS = 3  # another process may take a probed port before the server binds it


def free_port() -> int:
    """A port that was free a moment ago (the server binds it itself)."""
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


def log_of(folder: Path, base: str) -> Path:
    """The output (stdout and stderr) of the server at base."""
    return folder / f'server-{httpx.URL(base).port}.log'


def environment(folder: Path, port: int, **extra: str) -> dict[str, str]:
    """The server's environment: none of ours that starts with PYTEST_ (NiceGUI would think it runs under pytest and
    never start), PORTAL_ or NICEGUI_; then the test's database, files, secret, port and storage, then extra."""
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(('PYTEST_', 'PORTAL_', 'NICEGUI_'))}
    env.update(PORTAL_DATABASE_URL=f'sqlite:///{folder / "portal.db"}', PORTAL_DATA_DIR=str(folder / 'data'),
               PORTAL_SECRET_KEY=TEST_SECRET, PORTAL_ENV='development', PORTAL_HOST='127.0.0.1',
               PORTAL_PORT=str(port), PORTAL_PUBLIC_URL=f'http://127.0.0.1:{port}',
               NICEGUI_STORAGE_PATH=str(folder / f'storage-{port}'), **extra)
    return env


@contextmanager
def running_portal(folder: Path, *, port: int | None = None, **extra: str) -> Iterator[str]:
    """Serve the portal of folder until the block ends; yields its base URL. extra: more environment variables."""
    for attempt in range(1, ATTEMPTS + 1):
        chosen = port or free_port()
        process = _start(folder, chosen, extra)
        base = f'http://127.0.0.1:{chosen}'
        try:
            if _wait_until_up(process, base):
                yield base
                return
            log = log_of(folder, base).read_text(errors='replace')
            if port is not None or 'address already in use' not in log or attempt == ATTEMPTS:
                raise AssertionError(f'the portal did not start:\n{log[-3000:]}')
        finally:
            _stop(process)


def _start(folder: Path, port: int, extra: dict[str, str]) -> subprocess.Popen:
    with (folder / f'server-{port}.log').open('wb') as log:
        return subprocess.Popen([sys.executable, 'main.py'], cwd=ROOT, env=environment(folder, port, **extra),
                                stdout=log, stderr=subprocess.STDOUT)


def _wait_until_up(process: subprocess.Popen, base: str) -> bool:
    """Whether the login page answers before the process ends or the start timeout passes."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f'{base}/login', timeout=5).status_code == 200:
                return True
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    return False


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
