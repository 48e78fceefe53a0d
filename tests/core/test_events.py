"""Publish and subscribe within one process: handlers run on their page's event loop, whatever thread publishes,
and a closed subscription leaves nothing behind."""
import asyncio
import threading

from portal.core.events import LocalEvents


async def test_an_event_published_from_a_service_thread_reaches_the_subscriber_on_its_loop() -> None:
    events = LocalEvents()
    heard: list[tuple[dict, int]] = []
    arrived = asyncio.Event()

    def handler(data: dict) -> None:
        heard.append((data, threading.get_ident()))
        arrived.set()
    events.subscribe('conversation:1', handler)
    await asyncio.to_thread(events.publish, 'conversation:1', kind='message')
    await asyncio.wait_for(arrived.wait(), 5)
    assert heard == [({'kind': 'message'}, threading.get_ident())]


async def test_other_topics_are_not_heard_and_a_closed_subscription_leaves_no_topic() -> None:
    events = LocalEvents()
    heard: list[dict] = []
    subscription = events.subscribe('conversation:1', heard.append)
    events.publish('conversation:2', kind='message')
    subscription.close()
    events.publish('conversation:1', kind='message')
    await asyncio.sleep(0.05)
    assert heard == []
    assert events.topics() == 0


async def test_a_failing_handler_does_not_keep_the_event_from_the_others() -> None:
    events = LocalEvents()
    heard: list[dict] = []

    def broken(_: dict) -> None:
        raise RuntimeError('a page that broke')
    events.subscribe('team:1', broken)
    events.subscribe('team:1', heard.append)
    events.publish('team:1', kind='message')
    assert heard == [{'kind': 'message'}]
