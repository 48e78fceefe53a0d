"""Events between the portal's processes through Redis pub/sub (``PORTAL_REDIS_URL``).

Every event goes through Redis, as JSON on the channel ``portal:<topic>``, also when a subscriber in the publishing
process waits for it: local subscribers hear it when it comes back, so there is one path and one order (Redis's) for
every process. One listener task per process pattern-subscribes to ``portal:*`` and hands each event to the
subscribers of its topic here; events of topics nobody here shows are dropped on arrival.

Why one pattern and not a channel per topic (``bench/events.py`` measures both sides): a page subscribes and at once
reads what it shows. With a channel per topic, an event published before Redis has taken that page's SUBSCRIBE (a
round trip later) never reaches it, and every page opened or closed costs a command on the shared connection. The
pattern hears every topic from the start; what it costs is reading and dropping the events of other topics: about
0.1 ms of CPU each (redis-py's parser, measured on this machine), so 100 events a second in all processes together
take about one per cent of a core in each process.

When the connection breaks (Redis restarts, the connection is killed, Redis stops answering), the listener logs it,
waits (0.5 s, doubling up to 30 s) and connects again. Pub/sub keeps nothing, so events published in between are
lost; after reconnecting, every local topic hears ``{'kind': 'resync'}`` and its pages read again what they show.
A publish while Redis is away is logged (once per outage) and dropped: the change itself is in the database.
"""
import asyncio
import json
import logging
import os
import re
import secrets
import socket
from typing import Any

import redis
from redis.asyncio import Redis as AsyncRedis
from redis.asyncio.client import PubSub
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

from portal.core.events import Events

CHANNEL_PREFIX = 'portal:'
RESYNC = 'resync'  # the ``kind`` every local topic hears after a reconnection
FIRST_PAUSE, LONGEST_PAUSE = 0.5, 30.0  # seconds between attempts to reach Redis again
PING_AFTER, DEAD_AFTER = 15.0, 10.0  # a silent connection is pinged; no answer within DEAD_AFTER more: reconnect
TIMEOUT = 5.0  # seconds for connecting and for a publish

log = logging.getLogger(__name__)


class SilentRedis(ConnectionError):
    """Redis did not answer a ping: the connection is dead without having been closed."""


class RedisEvents(Events):
    """Events shared by every process that uses the same Redis (and channel prefix)."""

    def __init__(self, url: str, *, prefix: str = CHANNEL_PREFIX) -> None:
        super().__init__()
        self._url = url
        self._prefix = prefix
        # the connections' names in CLIENT LIST, so an operator (or a test) can tell them apart
        self.name = f'portal-events-{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}'
        self._publisher = redis.Redis.from_url(url, client_name=f'{self.name}-publish', socket_timeout=TIMEOUT,
                                               socket_connect_timeout=TIMEOUT)
        self._task: asyncio.Task | None = None
        self._ready = asyncio.Event()
        self._publishing_fails = False
        self._closed = False

    def start(self) -> None:
        """On the event loop (main.py at start-up, else the first subscription): the one listener of this process."""
        if self._closed or (self._task is not None and not self._task.done()):
            return
        self._loop = asyncio.get_running_loop()
        self._task = self._loop.create_task(self._listen_forever(), name='redis-events')
        self._task.add_done_callback(_report_crash)

    async def ready(self, timeout: float = 10.0) -> None:
        """Until the listener is subscribed (events published from now on are heard here)."""
        await asyncio.wait_for(self._ready.wait(), timeout)

    def publish(self, topic: str, **data: Any) -> None:
        """From any thread; ``data`` must be JSON (small signals such as ``kind='message', conversation=7``)."""
        payload = json.dumps(data, separators=(',', ':'))
        if self._closed:
            return
        try:
            self._publisher.publish(self._prefix + topic, payload)
        except RedisError as error:
            if not self._publishing_fails:
                log.warning('events: cannot publish through Redis (%s); events are dropped until it is back', error)
            self._publishing_fails = True
            return
        if self._publishing_fails:
            self._publishing_fails = False
            log.warning('events: publishing through Redis again')

    def close(self) -> None:
        """At shutdown: stop listening and close the connections."""
        self._closed = True
        if self._task is not None:
            self._task.cancel()
        self._publisher.close()

    async def wait_closed(self) -> None:
        """After ``close()``: until the listener has closed its connection."""
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)

    def _listen(self, topic: str) -> None:
        self.start()

    async def _listen_forever(self) -> None:
        pause, lost = FIRST_PAUSE, False
        while True:
            client = AsyncRedis.from_url(self._url, client_name=self.name, decode_responses=True,
                                         socket_connect_timeout=TIMEOUT, retry=Retry(NoBackoff(), 0))
            pubsub = client.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.psubscribe(_pattern(self._prefix))
                self._ready.set()
                if lost:
                    log.warning('events: listening to Redis again')
                    self._resync()
                pause, lost = FIRST_PAUSE, False
                await self._receive(pubsub)
            except (RedisError, OSError) as error:
                self._ready.clear()
                log.warning('events: lost Redis (%s: %s); trying again in %.1f s', type(error).__name__, error, pause)
                lost = True
                await asyncio.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)
            finally:
                await pubsub.aclose()
                await client.aclose()

    async def _receive(self, pubsub: PubSub) -> None:
        """Hand on every event until the connection fails; a connection silent for long is pinged."""
        loop = asyncio.get_running_loop()
        heard, pinged = loop.time(), False
        while True:
            message = await pubsub.get_message(timeout=1.0)
            now = loop.time()
            if message is not None:
                heard, pinged = now, False
                if message['type'] == 'pmessage':
                    self._hand_on(message['channel'], message['data'])
            elif now - heard > PING_AFTER + DEAD_AFTER:
                raise SilentRedis(f'no answer for {now - heard:.0f} s')
            elif now - heard > PING_AFTER and not pinged:
                await pubsub.ping()
                pinged = True

    def _hand_on(self, channel: str, payload: str) -> None:
        topic = channel[len(self._prefix):]
        if not self.subscribers(topic):
            return  # another process's page (most events, with several processes)
        try:
            data = json.loads(payload)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            log.warning('events: ignored a malformed event on %s', channel)
            return
        self._deliver(topic, data)

    def _resync(self) -> None:
        with self._lock:
            topics = list(self._topics)
        for topic in topics:
            self._deliver(topic, {'kind': RESYNC})


def _pattern(prefix: str) -> str:
    """The glob pattern of every channel under ``prefix`` (its own glob characters escaped)."""
    return re.sub(r'([\\*?\[\]])', r'\\\1', prefix) + '*'


def _report_crash(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error('events: the Redis listener stopped', exc_info=task.exception())
