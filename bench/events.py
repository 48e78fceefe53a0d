"""Measure the Redis events (``portal.core.redis_events``) and the choice of one pattern per process.

    .venv/bin/python bench/events.py [--redis redis://127.0.0.1:6379/15] [--events 20000] [--rounds 500]

Prints, one figure per line:
- what a listener spends on an event of a topic no page of its process shows (the price of the pattern: it reads
  and drops every other process's events);
- how long a SUBSCRIBE takes to be in force at Redis (the price of a channel per topic: events published in that
  time never reach the page that just subscribed and read its state);
- the delay from a publish in one process to the handler in another (median and 99th percentile).
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
import uuid
from pathlib import Path

from redis import Redis
from redis.asyncio import Redis as AsyncRedis

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from portal.core.redis_events import RedisEvents  # noqa: E402  (needs the repository on sys.path first)


async def started(url: str, prefix: str) -> RedisEvents:
    events = RedisEvents(url, prefix=prefix)
    events.start()
    await events.ready()
    return events


async def cost_of_other_topics(url: str, prefix: str, count: int) -> float:
    """Microseconds of the listener's thread per event of a topic nobody here subscribed to."""
    events = await started(url, prefix)
    done = asyncio.Event()
    events.subscribe('marker', lambda _: done.set())

    def flood() -> None:
        with Redis.from_url(url) as client:
            pipe = client.pipeline(transaction=False)
            for number in range(count):
                pipe.publish(f'{prefix}conversation:{number % 500}', '{"kind":"message","conversation":1}')
                if number % 1000 == 999:
                    pipe.execute()
            pipe.publish(f'{prefix}marker', '{"kind":"done"}')
            pipe.execute()
    before = time.thread_time()
    flooding = asyncio.ensure_future(asyncio.to_thread(flood))
    await asyncio.wait_for(done.wait(), 120)
    spent = time.thread_time() - before
    await flooding
    events.close()
    await events.wait_closed()
    return spent / count * 1e6


async def subscribe_round_trip(url: str, rounds: int) -> list[float]:
    """Milliseconds from sending SUBSCRIBE for a new channel until Redis confirms it (one connection, as a
    process's listener would have)."""
    client = AsyncRedis.from_url(url)
    pubsub = client.pubsub()
    await pubsub.subscribe('bench-warm-up')
    await pubsub.get_message(timeout=5)
    times = []
    for number in range(rounds):
        channel = f'bench-{uuid.uuid4().hex}-{number}'
        start = time.perf_counter()
        await pubsub.subscribe(channel)
        while True:
            message = await pubsub.get_message(timeout=5)
            if message and message['type'] == 'subscribe' and message['channel'] == channel.encode():
                break
        times.append((time.perf_counter() - start) * 1000)
        await pubsub.unsubscribe(channel)
    await pubsub.aclose()
    await client.aclose()
    return times


async def delivery(url: str, prefix: str, rounds: int) -> list[float]:
    """Milliseconds from a publish in a service thread of one process to the handler in another."""
    first, second = await started(url, prefix), await started(url, prefix)
    arrived: asyncio.Queue[float] = asyncio.Queue()
    second.subscribe('conversation:1', lambda _: arrived.put_nowait(time.perf_counter()))
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        await asyncio.to_thread(first.publish, 'conversation:1', kind='message', conversation=1)
        times.append((await asyncio.wait_for(arrived.get(), 10) - start) * 1000)
    for events in (first, second):
        events.close()
        await events.wait_closed()
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--redis', default='redis://127.0.0.1:6379/15')
    parser.add_argument('--events', type=int, default=20000)
    parser.add_argument('--rounds', type=int, default=500)
    options = parser.parse_args()
    prefix = f'bench-{uuid.uuid4().hex}:'
    cost = await cost_of_other_topics(options.redis, prefix, options.events)
    print(f'listener cost of an event for a topic not shown here: {cost:.1f} µs of CPU ({options.events} events)')
    print(f'at 100 events per second in all processes together: {cost * 100 / 1e4:.3f} % of one core per process')
    trips = await subscribe_round_trip(options.redis, options.rounds)
    print(f'a channel per topic: SUBSCRIBE in force after median {statistics.median(trips):.2f} ms, '
          f'p99 {percentile(trips, 0.99):.2f} ms (events in that window miss the new page)')
    delays = await delivery(options.redis, prefix, options.rounds)
    print(f'delivery between two processes: median {statistics.median(delays):.2f} ms, '
          f'p99 {percentile(delays, 0.99):.2f} ms ({options.rounds} events)')


if __name__ == '__main__':
    asyncio.run(main())
