"""Events between processes through Redis: two ``RedisEvents`` (as two portal processes would hold) hear each other's
events in order, whatever thread published; a closed subscription leaves nothing; a dropped connection or a Redis
restart costs only the events published while it was away, and the pages are told to read again."""
import asyncio
import os
import shutil
import socket
import subprocess
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from redis import Redis
from redis.exceptions import RedisError

from portal.core.redis_events import RedisEvents

REDIS_URL = os.environ.get('PORTAL_TEST_REDIS_URL', '')
needs_redis = pytest.mark.skipif(not REDIS_URL, reason='needs PORTAL_TEST_REDIS_URL')
pytestmark = pytest.mark.redis


class Heard:
    """What a subscriber heard, and a way to wait for it."""

    def __init__(self) -> None:
        self.events: list[dict] = []
        self.threads: set[int] = set()
        self._changed = asyncio.Event()

    def __call__(self, data: dict) -> None:
        self.events.append(data)
        self.threads.add(threading.get_ident())
        self._changed.set()

    async def until(self, condition: object, timeout: float = 20.0) -> None:
        async def wait() -> None:
            while not callable(condition) or not condition(self.events):
                self._changed.clear()
                await self._changed.wait()
        await asyncio.wait_for(wait(), timeout)

    def kinds(self) -> list[str]:
        return [event['kind'] for event in self.events]


async def started(url: str, prefix: str) -> RedisEvents:
    events = RedisEvents(url, prefix=prefix)
    events.start()
    await events.ready()
    return events


@pytest.fixture
def prefix() -> str:
    """Pub/sub ignores the database number: each test keeps to channels of its own."""
    return f'portal-test-{uuid.uuid4().hex}:'


@pytest.fixture
async def two_processes(prefix: str) -> AsyncIterator[tuple[RedisEvents, RedisEvents]]:
    first, second = await started(REDIS_URL, prefix), await started(REDIS_URL, prefix)
    yield first, second
    for events in (first, second):
        events.close()
        await events.wait_closed()


def publish_numbered(events: RedisEvents, topic: str, count: int, kind: str = 'message') -> None:
    for number in range(count):
        events.publish(topic, kind=kind, number=number)


@needs_redis
async def test_each_process_hears_the_others_events_in_order_from_threads_once(
        two_processes: tuple[RedisEvents, RedisEvents]) -> None:
    first, second = two_processes
    on_first, on_second = Heard(), Heard()
    first.subscribe('conversation:1', on_first)
    second.subscribe('conversation:1', on_second)
    await asyncio.to_thread(publish_numbered, second, 'conversation:1', 40)
    await asyncio.to_thread(publish_numbered, first, 'conversation:1', 40, 'read')
    for heard in (on_first, on_second):
        await heard.until(lambda events: len(events) >= 80)
        assert heard.events == [*({'kind': 'message', 'number': n} for n in range(40)),
                                *({'kind': 'read', 'number': n} for n in range(40))]
        assert heard.threads == {threading.get_ident()}  # on the subscriber's event loop


@needs_redis
async def test_other_topics_are_not_heard_and_a_closed_subscription_leaves_no_topic(
        two_processes: tuple[RedisEvents, RedisEvents], prefix: str) -> None:
    first, second = two_processes
    closed, other, marker = Heard(), Heard(), Heard()
    subscription = first.subscribe('team:1', closed)
    first.subscribe('team:2', other)
    first.subscribe('marker', marker)
    subscription.close()
    assert first.topics() == 2 and first.subscribers('team:1') == 0
    await asyncio.to_thread(second.publish, 'team:1', kind='message')
    await asyncio.to_thread(second.publish, 'marker', kind='done')
    await marker.until(lambda events: events)
    assert closed.events == [] and other.events == []
    with Redis.from_url(REDIS_URL) as client:  # one pattern per process, no channel per topic
        assert client.pubsub_numsub(f'{prefix}team:1') == [(f'{prefix}team:1'.encode(), 0)]


@needs_redis
async def test_after_its_connection_is_killed_a_process_hears_events_again_and_is_told_to_read_again(
        two_processes: tuple[RedisEvents, RedisEvents]) -> None:
    first, second = two_processes
    heard = Heard()
    first.subscribe('conversation:2', heard)
    await asyncio.to_thread(second.publish, 'conversation:2', kind='typing')
    await heard.until(lambda events: events)
    with Redis.from_url(REDIS_URL) as client:
        names = (first.name, f'{second.name}-publish')  # the listener of one, the publishing connection of the other
        killed = [entry['id'] for entry in client.client_list() if entry['name'] in names]
        assert len(killed) == 2
        for client_id in killed:
            client.client_kill_filter(_id=client_id)
    await heard.until(lambda events: 'resync' in [event['kind'] for event in events])
    await asyncio.to_thread(second.publish, 'conversation:2', kind='message', conversation=2)
    await heard.until(lambda events: events[-1]['kind'] == 'message')
    assert heard.kinds() == ['typing', 'resync', 'message']


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


class RedisServer:
    """A Redis server of the test's own, on a free port, that the test can stop and start again."""

    def __init__(self, binary: str, folder: Path) -> None:
        self.binary, self.folder, self.port = binary, folder, free_port()
        self.url = f'redis://127.0.0.1:{self.port}/0'
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen([self.binary, '--port', str(self.port), '--bind', '127.0.0.1', '--save', '',
                                         '--appendonly', 'no', '--dir', str(self.folder)], stdout=subprocess.DEVNULL)
        with Redis(port=self.port, socket_connect_timeout=1) as client:
            for _ in range(400):
                try:
                    client.ping()
                    return
                except RedisError:
                    threading.Event().wait(0.05)  # not accepting connections yet
        raise RuntimeError('redis-server did not start')

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisServer]:
    binary = shutil.which('redis-server')
    if binary is None:
        pytest.skip('needs redis-server')
    server = RedisServer(binary, tmp_path)
    server.start()
    yield server
    server.stop()


async def test_when_redis_restarts_events_flow_again_and_what_was_published_meanwhile_does_not_fail(
        own_redis: RedisServer, caplog: pytest.LogCaptureFixture) -> None:
    first, second = await started(own_redis.url, 'portal:'), await started(own_redis.url, 'portal:')
    heard = Heard()
    first.subscribe('customer:3', heard)
    try:
        own_redis.stop()
        await asyncio.to_thread(second.publish, 'customer:3', kind='message')  # lost, but the post itself succeeded
        assert 'cannot publish through Redis' in caplog.text
        await asyncio.to_thread(own_redis.start)
        await heard.until(lambda events: events and events[-1]['kind'] == 'resync')
        await asyncio.to_thread(second.publish, 'customer:3', kind='message')
        await heard.until(lambda events: events[-1]['kind'] == 'message')
        assert heard.kinds() == ['resync', 'message']
        assert 'lost Redis' in caplog.text and 'listening to Redis again' in caplog.text
    finally:
        for events in (first, second):
            events.close()
            await events.wait_closed()
