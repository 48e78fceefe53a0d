"""The outbox and its sender against a real SMTP server (aiosmtpd): what arrives, once, and what happens when the
server refuses, is away, or is not configured at all."""
import asyncio
import logging
from collections.abc import Iterator
from datetime import timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from portal.mail.service import KEEP_DAYS, Mail, bilingual
from portal.mail.smtp import SmtpServer
from portal.services import Portal
from tests.support.fakes import FakeClock
from tests.support.smtp import Inbox, free_port, running_smtp, wait_for_mail

ARABIC_SUBJECT = 'رسالة جديدة / Neue Nachricht'
BODY = 'مرحباً\n\nGrüße aus dem Jobcenter – eine Nachricht wartet.\n'


@pytest.fixture
def smtp(tmp_path: Path) -> Iterator[tuple[Inbox, SmtpServer]]:
    with running_smtp(tmp_path) as running:
        yield running


def mail_of(portal: Portal, clock: FakeClock, server: SmtpServer | None) -> Mail:
    """The portal's mail service, pointed at the test's server (as PORTAL_SMTP_* would)."""
    return Mail(portal.database, clock, server, domain='portal.example')


async def test_a_queued_mail_arrives_as_plain_utf8_text_with_its_headers(
        portal: Portal, clock: FakeClock, smtp: tuple[Inbox, SmtpServer]) -> None:
    inbox, server = smtp
    mail = mail_of(portal, clock, server)
    assert mail.queue('anna@example.org', ARABIC_SUBJECT, BODY, key='test:1')
    assert await mail.send_due() == 1
    [arrived] = inbox.arrived
    message = arrived.message
    assert arrived.rcpt_tos == ['anna@example.org'] and arrived.mail_from == 'noreply@portal.example'
    assert message['To'] == 'anna@example.org'
    assert message['From'] == 'Landkreis Musterland <noreply@portal.example>'
    assert message['Subject'] == ARABIC_SUBJECT
    assert message.get_content_type() == 'text/plain' and message.get_content_charset() == 'utf-8'
    assert message.get_content().replace('\r\n', '\n') == BODY  # text travels with CRLF line ends
    assert message['Message-ID'].endswith('@portal.example>')
    assert parsedate_to_datetime(message['Date']) == clock.now
    assert message['Auto-Submitted'] == 'auto-generated'
    assert max(len(line) for line in arrived.raw.split(b'\r\n')) <= 78 and arrived.raw.isascii()  # any relay
    state = mail.state('test:1')
    assert state is not None and state.sent_at == clock.now and state.attempts == 1


async def test_the_same_key_is_queued_once_and_a_sent_mail_is_not_sent_again(
        portal: Portal, clock: FakeClock, smtp: tuple[Inbox, SmtpServer]) -> None:
    inbox, server = smtp
    mail = mail_of(portal, clock, server)
    assert mail.queue('anna@example.org', 'Eins', 'Text', key='notice:7')
    assert not mail.queue('anna@example.org', 'Zwei', 'Text', key='notice:7')
    assert await mail.send_due() == 1
    clock.advance(hours=1)
    assert await mail.send_due() == 0
    assert [message['Subject'] for message in inbox.messages()] == ['Eins']


async def test_a_mail_due_later_waits_until_then(portal: Portal, clock: FakeClock,
                                                 smtp: tuple[Inbox, SmtpServer]) -> None:
    inbox, server = smtp
    mail = mail_of(portal, clock, server)
    mail.queue('anna@example.org', 'Erinnerung', 'Morgen um 9 Uhr', key='reminder:1',
               due_at=clock.now + timedelta(hours=20))
    assert await mail.send_due() == 0
    clock.advance(hours=20)
    assert await mail.send_due() == 1
    assert len(inbox.arrived) == 1


async def test_two_processes_sending_at_once_send_every_mail_exactly_once(
        portal: Portal, clock: FakeClock, smtp: tuple[Inbox, SmtpServer]) -> None:
    inbox, server = smtp
    first, second = mail_of(portal, clock, server), mail_of(portal, clock, server)
    for number in range(30):
        first.queue(f'person{number}@example.org', f'Mail {number}', 'Text', key=f'test:{number}')
    counts = await asyncio.gather(first.send_due(), second.send_due())
    assert sum(counts) == 30
    assert sorted(message['Subject'] for message in wait_for_mail(inbox, 30)) == sorted(
        f'Mail {number}' for number in range(30))


async def test_a_mailbox_refused_for_good_is_marked_failed_and_the_others_still_go(
        portal: Portal, clock: FakeClock, smtp: tuple[Inbox, SmtpServer]) -> None:
    inbox, server = smtp
    inbox.refuse['gone@example.org'] = '550 5.1.1 No such mailbox'
    mail = mail_of(portal, clock, server)
    mail.queue('gone@example.org', 'Eins', 'Text', key='test:gone')
    mail.queue('anna@example.org', 'Zwei', 'Text', key='test:anna')
    assert await mail.send_due() == 1
    gone = mail.state('test:gone')
    assert gone is not None and gone.failed_at == clock.now and gone.sent_at is None
    assert '550' in gone.last_error and 'No such mailbox' in gone.last_error
    clock.advance(days=1)
    assert await mail.send_due() == 0
    assert [each.rcpt_tos for each in inbox.arrived] == [['anna@example.org']]


async def test_a_mailbox_refused_for_now_is_tried_again_later_with_growing_pauses(
        portal: Portal, clock: FakeClock, smtp: tuple[Inbox, SmtpServer]) -> None:
    inbox, server = smtp
    inbox.refuse['full@example.org'] = '452 4.2.2 Mailbox full'
    mail = mail_of(portal, clock, server)
    mail.queue('full@example.org', 'Eins', 'Text', key='test:full')
    start = clock.now
    assert await mail.send_due() == 0
    clock.advance(seconds=59)
    assert await mail.send_due() == 0  # the first retry comes after a minute
    clock.advance(seconds=1)
    assert await mail.send_due() == 0
    state = mail.state('test:full')
    assert state is not None and state.attempts == 2 and state.failed_at is None
    assert state.due_at == start + timedelta(minutes=3) and '452' in state.last_error  # then two minutes
    del inbox.refuse['full@example.org']
    clock.advance(minutes=2)
    assert await mail.send_due() == 1
    assert len(inbox.arrived) == 1


async def test_while_the_server_is_away_no_mail_is_lost_and_none_loses_a_try(
        portal: Portal, clock: FakeClock, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    port = free_port()
    away = SmtpServer('127.0.0.1', port, 'none', '', '', 'Landkreis Musterland <noreply@portal.example>')
    mail = mail_of(portal, clock, away)
    mail.queue('anna@example.org', 'Eins', 'Text', key='test:1')
    with caplog.at_level(logging.WARNING):
        assert await mail.send_due() == 0
        clock.advance(minutes=1)
        assert await mail.send_due() == 0
    assert caplog.text.count('cannot send e-mail through 127.0.0.1') == 1  # once per outage, not every round
    state = mail.state('test:1')
    assert state is not None and state.attempts == 0 and state.sent_at is None and state.failed_at is None
    assert state.last_error != ''
    with running_smtp(tmp_path) as (inbox, server):
        back = mail_of(portal, clock, server)
        clock.advance(minutes=1)
        assert await back.send_due() == 1
        assert [message['Subject'] for message in inbox.messages()] == ['Eins']


# aiosmtpd counts only STARTTLS as TLS for AUTH: over TLS from the first byte it must be told not to require it,
# and warns that this is unsafe (it is not, here: the connection is encrypted)
@pytest.mark.parametrize('tls', ['starttls', pytest.param('tls', marks=pytest.mark.filterwarnings(
    'ignore:Requiring AUTH while not requiring TLS'))])
async def test_mail_goes_encrypted_with_a_login_when_configured(portal: Portal, clock: FakeClock, tmp_path: Path,
                                                                tls: str) -> None:
    with running_smtp(tmp_path, tls=tls, login=True) as (inbox, server):
        mail = mail_of(portal, clock, server)
        mail.queue('anna@example.org', 'Verschlüsselt', 'Text', key='test:tls')
        assert await mail.send_due() == 1
        assert [message['Subject'] for message in inbox.messages()] == ['Verschlüsselt']


async def test_a_wrong_password_keeps_the_mail_queued(portal: Portal, clock: FakeClock, tmp_path: Path) -> None:
    with running_smtp(tmp_path, tls='starttls', login=True) as (inbox, server):
        wrong = SmtpServer(server.host, server.port, 'starttls', server.user, 'wrong', server.sender,
                           server.tls_context)
        assert mail_of(portal, clock, wrong).queue('anna@example.org', 'Eins', 'Text', key='test:1')
        assert await mail_of(portal, clock, wrong).send_due() == 0
        state = mail_of(portal, clock, wrong).state('test:1')
        assert state is not None and state.attempts == 0 and state.failed_at is None
        assert await mail_of(portal, clock, server).send_due() == 1
        assert len(inbox.arrived) == 1


async def test_without_a_mail_server_mails_stay_queued_and_the_log_says_so_once(
        portal: Portal, clock: FakeClock, caplog: pytest.LogCaptureFixture) -> None:
    mail = mail_of(portal, clock, None)
    mail.queue('anna@example.org', 'Eins', 'Text', key='test:1')
    with caplog.at_level(logging.WARNING):
        assert await mail.send_due() == 0
        assert await mail.send_due() == 0
    assert caplog.text.count('PORTAL_SMTP_HOST is not set') == 1
    state = mail.state('test:1')
    assert state is not None and state.sent_at is None and state.failed_at is None


async def test_sent_mail_is_deleted_after_the_keeping_time(portal: Portal, clock: FakeClock,
                                                           smtp: tuple[Inbox, SmtpServer]) -> None:
    _, server = smtp
    mail = mail_of(portal, clock, server)
    mail.queue('anna@example.org', 'Eins', 'Text', key='test:sent')
    await mail.send_due()
    mail.queue('anna@example.org', 'Zwei', 'Text', key='test:waiting')
    clock.advance(days=KEEP_DAYS, seconds=1)
    assert mail.purge() == 1
    assert mail.state('test:sent') is None and mail.state('test:waiting') is not None


def test_a_mail_to_a_customer_is_in_their_language_and_then_in_german() -> None:
    subject, body = bilingual('ar', 'chat.notice.subject', 'chat.notice.body',
                              lambda t: {'url': 'https://portal.example/', 'district': 'Landkreis Musterland',
                                         'more': t('nav.more')})
    arabic, german = body.split('\n\n----\n\n')
    assert subject.endswith(' / Neue Nachricht im Jobcenter-Portal') and not subject.startswith('Neue')
    assert 'المزيد' in arabic and 'https://portal.example/' in arabic
    assert german.startswith('Guten Tag') and '„Mehr“' in german
    assert bilingual('de', 'chat.notice.subject', 'chat.notice.body',
                     lambda t: {'url': 'u', 'district': 'd', 'more': t('nav.more')})[0] == \
        'Neue Nachricht im Jobcenter-Portal'


def test_a_header_cannot_be_smuggled_in_through_the_subject_or_the_address(portal: Portal,
                                                                           clock: FakeClock) -> None:
    mail = mail_of(portal, clock, None)
    with pytest.raises(ValueError):
        mail.queue('anna@example.org', 'Betreff\r\nBcc: alle@example.org', 'Text', key='test:1')
    with pytest.raises(ValueError):
        mail.queue('anna@example.org\nBcc: alle@example.org', 'Betreff', 'Text', key='test:2')
