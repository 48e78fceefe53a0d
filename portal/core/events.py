"""Publish and subscribe: how a change made by one person reaches the pages of others, live.

Services publish small signals after their transaction committed (``publish('conversation:7', kind='message')``);
pages subscribe to the topics they show and read again through the services, so access is checked on every read
and an event never carries social data. Subscribers are called on the event loop that subscribed, whatever thread
published. ``LocalEvents`` serves one process; ``portal.core.redis_events.RedisEvents`` (``PORTAL_REDIS_URL``)
carries the same signals between processes behind a load balancer; after its connection to Redis came back, every
topic hears ``{'kind': 'resync'}`` (what was published in between is lost), so handlers read again on any kind.
"""
import asyncio
import logging
import threading
from collections.abc import Callable
from typing import Any

Handler = Callable[[dict[str, Any]], Any]  # called with the event's data on the subscriber's event loop

log = logging.getLogger(__name__)


class Subscription:
    """One handler on one topic; ``close()`` ends it (pages close theirs when their client goes)."""

    def __init__(self, events: 'Events', topic: str, handler: Handler) -> None:
        self.events, self.topic, self.handler = events, topic, handler
        self.closed = False

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.events._remove(self)


class Events:
    """The publish/subscribe interface every capability uses."""

    def __init__(self) -> None:
        self._topics: dict[str, set[Subscription]] = {}
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._running: set[asyncio.Future] = set()  # async handlers still at work (kept from the collector)

    def subscribe(self, topic: str, handler: Handler) -> Subscription:
        """From the event loop (a page): ``handler`` hears every later event of ``topic`` until closed."""
        self._loop = asyncio.get_running_loop()
        subscription = Subscription(self, topic, handler)
        with self._lock:
            first = topic not in self._topics
            self._topics.setdefault(topic, set()).add(subscription)
        if first:
            self._listen(topic)
        return subscription

    def publish(self, topic: str, **data: Any) -> None:
        """From any thread: tell every subscriber of ``topic``, in this and (with Redis) every other process."""
        raise NotImplementedError

    def subscribers(self, topic: str) -> int:
        """How many subscriptions this process holds on ``topic``."""
        with self._lock:
            return len(self._topics.get(topic, ()))

    def topics(self) -> int:
        """How many topics this process listens to (it must not grow with visitors who left)."""
        with self._lock:
            return len(self._topics)

    def start(self) -> None:
        """On the event loop at start-up, before pages subscribe (Redis: connect the listener)."""

    def close(self) -> None:
        """At shutdown."""

    def _listen(self, topic: str) -> None:
        """A first subscriber on ``topic`` in this process."""

    def _unlisten(self, topic: str) -> None:
        """The last subscriber on ``topic`` in this process left."""

    def _remove(self, subscription: Subscription) -> None:
        with self._lock:
            handlers = self._topics.get(subscription.topic)
            if handlers is None:
                return
            handlers.discard(subscription)
            last = not handlers
            if last:
                del self._topics[subscription.topic]
        if last:
            self._unlisten(subscription.topic)

    def _deliver(self, topic: str, data: dict[str, Any]) -> None:
        """Hand the event to this process's subscribers, on their event loop."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._call(topic, data)
        else:
            loop.call_soon_threadsafe(self._call, topic, data)

    def _call(self, topic: str, data: dict[str, Any]) -> None:
        with self._lock:
            handlers = list(self._topics.get(topic, ()))
        for subscription in handlers:
            if subscription.closed:
                continue
            try:
                result = subscription.handler(dict(data))
                if asyncio.iscoroutine(result):
                    task = asyncio.ensure_future(result)
                    self._running.add(task)
                    task.add_done_callback(self._running.discard)
            except Exception:  # one broken page must not keep the event from the others
                log.exception('an event handler of %s failed', topic)


class LocalEvents(Events):
    """Events within one process (the default)."""

    def publish(self, topic: str, **data: Any) -> None:
        self._deliver(topic, data)
