"""Worker processes bound the work a file can cause: memory, time, crashes, and none outlive the server."""
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from portal.core.errors import InvalidInput, WorkTooLarge
from portal.core.workers import Workers, WorkLimits

ROOT = Path(__file__).resolve().parents[2]


def grow(megabytes: int) -> int:
    return len(bytearray(megabytes * 2**20))


def dawdle(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def crash() -> None:
    os.kill(os.getpid(), signal.SIGSEGV)


def refuse() -> None:
    raise InvalidInput('documents.error.not_an_image')


def pid() -> int:
    return os.getpid()


@pytest.fixture(scope='module')
def pool() -> Iterator[Workers]:
    workers = Workers(WorkLimits(processes=1, memory_bytes=1024 * 2**20, seconds=20))
    yield workers
    workers.close()


def test_work_within_the_limits_comes_back(pool: Workers) -> None:
    assert pool.call(grow, 100) == 100 * 2**20


def test_work_needing_more_memory_than_allowed_is_refused_and_the_worker_goes_on(pool: Workers) -> None:
    with pytest.raises(WorkTooLarge):
        pool.call(grow, 2000)
    assert pool.call(grow, 10) == 10 * 2**20


def test_work_taking_too_long_is_stopped_and_a_new_worker_takes_over(pool: Workers) -> None:
    before = pool.call(pid)
    with pytest.raises(WorkTooLarge) as refused:
        pool.call(dawdle, 30, seconds=0.5)
    assert refused.value.key == 'error.work_too_large'
    assert pool.call(pid) != before


def test_a_crashing_worker_fails_only_its_own_call(pool: Workers) -> None:
    with pytest.raises(WorkTooLarge):
        pool.call(crash)
    assert pool.call(dawdle, 0) == 0


def test_a_domain_error_arrives_as_itself(pool: Workers) -> None:
    with pytest.raises(InvalidInput) as refused:
        pool.call(refuse)
    assert refused.value.key == 'documents.error.not_an_image'


async def test_the_event_loop_awaits_work_without_blocking(pool: Workers) -> None:
    assert await pool.run(grow, 1) == 2**20


def test_busy_workers_die_with_a_server_killed_by_sigkill(tmp_path: Path) -> None:
    script = tmp_path / 'server.py'
    script.write_text(textwrap.dedent('''
        import sys, threading, time
        from portal.core.workers import WorkLimits, Workers
        from tests.core.test_workers import dawdle, pid
        if __name__ == '__main__':  # as in main.py: a spawned worker imports this module again
            workers = Workers(WorkLimits(processes=1, memory_bytes=1024 * 2**20, seconds=120))
            print(workers.call(pid), flush=True)
            threading.Thread(target=workers.call, args=(dawdle, 60), daemon=True).start()
            time.sleep(0.5)
            print('busy', flush=True)
            sys.stdin.read()
    '''))
    server = subprocess.Popen([sys.executable, str(script)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, env={**os.environ, 'PYTHONPATH': str(ROOT)})
    try:
        worker = int(server.stdout.readline())
        assert server.stdout.readline().strip() == 'busy'  # the worker is in the middle of a long piece of work
        assert _alive(worker)
        server.kill()
        server.wait(timeout=10)
        deadline = time.monotonic() + 10
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(worker)
    finally:
        server.kill()
        server.wait(timeout=10)
        server.stdin.close()
        server.stdout.close()


def _alive(process_id: int) -> bool:
    try:
        state = Path(f'/proc/{process_id}/stat').read_text().split(')')[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != 'Z'
