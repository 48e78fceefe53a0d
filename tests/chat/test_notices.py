"""E-mail notices of chat messages: a customer who agreed and has an address gets one e-mail per unread streak of
staff messages, after they stayed unread for PORTAL_CHAT_NOTICE_MINUTES (5), saying only that a message waits."""
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlmodel import col, select

from portal.chat.views import ConversationView
from portal.core.settings import Settings
from portal.core.workers import Workers
from portal.identity.roles import Actor
from portal.mail.models import OutgoingMail
from portal.people.models import Customer
from portal.services import Portal, build_portal
from tests.support.fakes import FakeClock
from tests.support.personas import World, actor_of, make_world
from tests.support.smtp import running_smtp

STAFF_TEXT = 'Ihr Bescheid über die Heizkosten ist unterwegs.'


@pytest.fixture
def agreed(portal: Portal, anna: Actor) -> Actor:
    """Anna (anna@example.org) agreed to e-mails about waiting messages."""
    portal.customers.set_chat_notices(anna, True)
    return anna


def outbox(portal: Portal) -> list[OutgoingMail]:
    with portal.database.session() as session:
        return list(session.exec(select(OutgoingMail).order_by(col(OutgoingMail.id))).all())


def change_customer(portal: Portal, customer_id: int, **values: object) -> None:
    """As a member of staff would through the customer form (the form's own rules are tested elsewhere)."""
    with portal.database.session() as session:
        customer = session.get(Customer, customer_id)
        assert customer is not None
        for name, value in values.items():
            setattr(customer, name, value)
        session.add(customer)
        session.commit()


def reply(portal: Portal, carla: Actor, talk: ConversationView, number: int, text: str = STAFF_TEXT) -> None:
    portal.chat.post(carla, talk.id, text, f'staff-reply-{number:04d}')


def test_no_notice_before_five_minutes_and_exactly_one_after(portal: Portal, clock: FakeClock, agreed: Actor,
                                                             carla: Actor, talk: ConversationView) -> None:
    reply(portal, carla, talk, 1)
    clock.advance(minutes=4, seconds=59)
    assert portal.chat_notices.round() == 0
    clock.advance(seconds=1)
    assert portal.chat_notices.round() == 1
    clock.advance(minutes=30)
    assert portal.chat_notices.round() == 0
    [mail] = outbox(portal)
    assert mail.recipient == 'anna@example.org' and mail.subject == 'Neue Nachricht im Jobcenter-Portal'


def test_no_notice_when_the_customer_read_the_message_in_time(portal: Portal, clock: FakeClock, agreed: Actor,
                                                              carla: Actor, talk: ConversationView) -> None:
    reply(portal, carla, talk, 1)
    clock.advance(minutes=3)
    portal.chat.messages(agreed, talk.id)  # the customer opened the conversation
    clock.advance(minutes=10)
    assert portal.chat_notices.round() == 0
    assert outbox(portal) == []


def test_no_notice_without_consent(portal: Portal, clock: FakeClock, anna: Actor, carla: Actor,
                                   talk: ConversationView) -> None:
    reply(portal, carla, talk, 1)
    clock.advance(minutes=10)
    assert portal.chat_notices.round() == 0
    portal.customers.set_chat_notices(anna, True)
    portal.customers.set_chat_notices(anna, False)  # changed their mind
    assert portal.chat_notices.round() == 0
    assert outbox(portal) == []


def test_no_notice_when_the_address_was_removed_after_agreeing(portal: Portal, clock: FakeClock, agreed: Actor,
                                                               carla: Actor, talk: ConversationView,
                                                               world: World) -> None:
    change_customer(portal, world.citizen_a.id, email=None)
    reply(portal, carla, talk, 1)
    clock.advance(minutes=10)
    assert portal.chat_notices.round() == 0
    assert outbox(portal) == []


def test_notes_and_the_customers_own_messages_send_no_notice(portal: Portal, clock: FakeClock, agreed: Actor,
                                                              carla: Actor, talk: ConversationView) -> None:
    portal.chat.post(carla, talk.id, 'Intern: Akte liegt bei Frau Case.', 'staff-note-0001', note=True)
    portal.chat.post(agreed, talk.id, 'Noch eine Frage', 'customer-0002')
    clock.advance(minutes=10)
    assert portal.chat_notices.round() == 0


def test_a_second_notice_only_after_reading_and_a_newer_unread_staff_message(
        portal: Portal, clock: FakeClock, agreed: Actor, carla: Actor, talk: ConversationView) -> None:
    reply(portal, carla, talk, 1)
    clock.advance(minutes=5)
    assert portal.chat_notices.round() == 1
    reply(portal, carla, talk, 2)  # the customer has not looked yet: the same streak
    clock.advance(minutes=30)
    assert portal.chat_notices.round() == 0
    portal.chat.messages(agreed, talk.id)  # read: the streak is over
    clock.advance(minutes=30)
    assert portal.chat_notices.round() == 0  # nothing new waits
    reply(portal, carla, talk, 3)
    clock.advance(minutes=4)
    assert portal.chat_notices.round() == 0
    clock.advance(minutes=1)
    assert portal.chat_notices.round() == 1
    assert len(outbox(portal)) == 2


def test_the_notice_is_in_the_customers_language_and_german_and_says_nothing_of_the_conversation(
        portal: Portal, clock: FakeClock, agreed: Actor, carla: Actor, talk: ConversationView, world: World) -> None:
    change_customer(portal, world.citizen_a.id, preferred_language='ar')
    reply(portal, carla, talk, 1)
    clock.advance(minutes=5)
    portal.chat_notices.round()
    [mail] = outbox(portal)
    assert mail.subject == 'رسالة جديدة في بوابة مركز العمل / Neue Nachricht im Jobcenter-Portal'
    arabic, german = mail.body.split('\n\n----\n\n')
    assert 'تنتظرك رسالة جديدة' in arabic and 'wartet eine neue Nachricht' in german
    for part in (arabic, german):
        assert 'http://127.0.0.1:8080/' in part and 'Landkreis Musterland' in part
    for secret in (STAFF_TEXT, 'Wann kommt mein Geld?', 'Heizkosten', 'Team A', 'Geldleistungen', 'benefits',
                   'Carla', 'Case'):
        assert secret not in mail.body and secret not in mail.subject


def test_two_processes_running_the_round_at_once_queue_one_notice(portal: Portal, settings: Settings,
                                                                  clock: FakeClock, workers: Workers,
                                                                  agreed: Actor, carla: Actor,
                                                                  talk: ConversationView) -> None:
    other = build_portal(settings, clock=clock, workers=workers)
    reply(portal, carla, talk, 1)
    clock.advance(minutes=5)
    with ThreadPoolExecutor(2) as pool:
        counts = [pool.submit(each.chat_notices.round) for each in (portal, other)]
    assert sorted(count.result() for count in counts) == [0, 1]
    other.database.engine.dispose()
    assert len(outbox(portal)) == 1


async def test_from_a_staff_reply_to_an_e_mail_in_farsi_and_german_that_holds_no_word_of_it(
        settings: Settings, clock: FakeClock, workers: Workers, tmp_path: Path) -> None:
    with running_smtp(tmp_path) as (inbox, server):
        mailing = settings.model_copy(update={'smtp_host': server.host, 'smtp_port': server.port, 'smtp_tls': 'none',
                                              'smtp_from': 'jobcenter@landkreis-musterland.example'})
        portal = build_portal(mailing, clock=clock, workers=workers)
        world = make_world(portal)
        anna, carla = actor_of(portal, world.citizen_a), actor_of(portal, world.caseworker_a)
        portal.customers.set_chat_notices(anna, True)
        change_customer(portal, world.citizen_a.id, preferred_language='fa')
        talk = portal.chat.start(anna, 'benefits', 'Wann kommt mein Geld?', 'client-0001')
        portal.chat.post(carla, talk.id, STAFF_TEXT, 'staff-reply-0001')
        assert await portal.mail_round() == 0
        clock.advance(minutes=5)
        assert await portal.mail_round() == 1
        portal.database.engine.dispose()
    [arrived] = inbox.arrived
    message = arrived.message
    assert arrived.rcpt_tos == ['anna@example.org']
    assert message['From'] == 'Landkreis Musterland <jobcenter@landkreis-musterland.example>'
    assert message['Subject'] == 'پیام جدید در پورتال مرکز کاریابی / Neue Nachricht im Jobcenter-Portal'
    assert message.get_content_type() == 'text/plain' and message.get_content_charset() == 'utf-8'
    assert message['Message-ID'].endswith('@landkreis-musterland.example>') and message['Date']
    text = message.get_content()
    assert 'یک پیام جدید' in text and 'wartet eine neue Nachricht' in text and 'http://127.0.0.1:8080/' in text
    for secret in (STAFF_TEXT, 'Heizkosten', 'Wann kommt mein Geld?', 'Team A', 'Geldleistungen', 'Carla'):
        assert secret not in text and secret.encode() not in arrived.raw
