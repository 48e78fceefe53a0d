"""What a customer is told before writing: office hours, whether someone is there, the expected reply time."""
import asyncio
from datetime import UTC, datetime

from portal.chat.models import TeamChat
from portal.chat.views import ConversationView
from portal.identity.roles import Actor
from portal.services import Portal
from tests.support.fakes import FakeClock
from tests.support.personas import World


def test_within_office_hours_the_team_is_open_and_available_once_someone_says_so(
        portal: Portal, anna: Actor, carla: Actor, clock: FakeClock) -> None:
    status = portal.chat.status(anna, 'benefits')  # Monday 10:00 in Berlin, open 8-12
    assert status.open_now and not status.available and status.opens_at is None
    portal.chat.set_available(carla, True)
    assert portal.chat.status(anna, 'benefits').available
    clock.advance(minutes=4)  # her inbox has not been seen for longer than three minutes
    assert not portal.chat.status(anna, 'benefits').available


def test_outside_office_hours_the_customer_is_told_when_it_opens(portal: Portal, anna: Actor, carla: Actor,
                                                                 clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)  # Friday 16:00 in Berlin
    portal.chat.set_available(carla, True)
    status = portal.chat.status(anna, 'benefits')
    assert not status.open_now and not status.available
    assert status.opens_at is not None and (status.opens_at.weekday(), status.opens_at.hour) == (0, 8)


def test_a_team_can_keep_its_own_chat_hours(portal: Portal, world: World, anna: Actor) -> None:
    with portal.database.session() as session:
        session.add(TeamChat(team_id=world.citizen_a.team_id, concerns=['benefits'],
                             office_hours=[[0, '14:00', '16:00']]))
        session.commit()
    status = portal.chat.status(anna, 'benefits')
    assert not status.open_now
    assert status.opens_at is not None and status.opens_at.hour == 14


def test_the_reply_time_is_the_median_of_first_replies_over_seven_days(portal: Portal, anna: Actor, carla: Actor,
                                                                       clock: FakeClock) -> None:
    assert portal.chat.status(anna, 'benefits').reply_minutes is None
    for n, wait in enumerate((10, 30, 240)):
        talk = portal.chat.start(anna, 'benefits', f'Frage {n}', f'client-median-{n}')
        clock.advance(minutes=wait)
        portal.chat.post(carla, talk.id, 'Antwort', f'client-median-answer-{n}')
        portal.chat.post(carla, talk.id, 'Nachtrag', f'client-median-later-{n}')  # only first replies count
    assert portal.chat.status(anna, 'benefits').reply_minutes == 30
    clock.advance(days=8)
    assert portal.chat.status(anna, 'benefits').reply_minutes is None


def test_events_tell_the_pages_of_both_sides(portal: Portal, anna: Actor, carla: Actor,
                                             talk: ConversationView) -> None:
    heard: list[tuple[str, dict]] = []

    async def listen() -> None:
        for topic in (f'conversation:{talk.id}', f'customer:{anna.customer_id}', f'team:{talk.team_id}'):
            portal.events.subscribe(topic, lambda data, topic=topic: heard.append((topic, data)))
        portal.chat.post(carla, talk.id, 'Antwort', 'client-event-01')
        portal.chat.typing(anna, talk.id)

    asyncio.run(listen())
    kinds = [(topic.split(':')[0], data['kind']) for topic, data in heard]
    assert ('conversation', 'message') in kinds and ('customer', 'message') in kinds and ('team', 'message') in kinds
    assert ('conversation', 'typing') in kinds
