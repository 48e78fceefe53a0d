"""Talking to the mail server: where it is, the e-mail made from an outbox row, and what a refusal means."""
import ssl
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime, formataddr, parseaddr

import aiosmtplib

from portal.core.settings import Settings
from portal.mail.models import OutgoingMail

# Headers and lines as SMTP wants them (CRLF); a body that is not ASCII goes as quoted-printable or base64, which
# every relay passes (8BITMIME need not be offered).
POLICY = SMTP_POLICY.clone(cte_type='7bit')
SMTP_SECONDS = 30.0  # longest wait for the mail server in any one step
# Failures of the server or of the settings, not of one mail: the batch stops, its mails wait for the next round
# without losing a try (a sender the server refuses is the settings' fault too).
SERVER_TROUBLE = (aiosmtplib.SMTPConnectError, aiosmtplib.SMTPTimeoutError, aiosmtplib.SMTPServerDisconnected,
                  aiosmtplib.SMTPAuthenticationError, aiosmtplib.SMTPHeloError, aiosmtplib.SMTPNotSupported,
                  aiosmtplib.SMTPSenderRefused, ssl.SSLError, OSError)


@dataclass(frozen=True)
class SmtpServer:
    """The mail server of ``PORTAL_SMTP_*``; ``tls`` is 'none', 'starttls' or 'tls' (TLS from the first byte)."""

    host: str
    port: int
    tls: str
    user: str
    password: str = field(repr=False)
    sender: str  # the From header
    tls_context: ssl.SSLContext | None = None  # None: the system's certificate authorities (tests trust their own)

    @classmethod
    def from_settings(cls, settings: Settings) -> 'SmtpServer | None':
        """None when no host is configured: mails are queued, and sent once one is."""
        if not settings.smtp_host:
            return None
        return cls(settings.smtp_host, settings.smtp_port, settings.smtp_tls, settings.smtp_user,
                   settings.smtp_password.get_secret_value(), sender(settings))

    def connection(self) -> aiosmtplib.SMTP:
        return aiosmtplib.SMTP(hostname=self.host, port=self.port, use_tls=self.tls == 'tls',
                               start_tls=self.tls == 'starttls', username=self.user or None,
                               password=self.password or None, timeout=SMTP_SECONDS, tls_context=self.tls_context)


def sender(settings: Settings) -> str:
    """The From header: ``PORTAL_SMTP_FROM``, named after the district when it is a bare address."""
    name, address = parseaddr(settings.smtp_from)
    return formataddr((name or settings.district_name, address or f'noreply@{settings.public_url.host}'))


def domain(settings: Settings) -> str:
    """The right-hand side of the portal's Message-IDs: the sender's domain."""
    return parseaddr(sender(settings))[1].rpartition('@')[2] or 'localhost'


def compose(row: OutgoingMail, sender: str, now: datetime) -> EmailMessage:
    """A plain-text e-mail in UTF-8; Subject and From in encoded words where they are not ASCII."""
    message = EmailMessage(policy=POLICY)
    message['From'] = sender
    message['To'] = row.recipient
    message['Subject'] = row.subject
    message['Date'] = format_datetime(now)
    message['Message-ID'] = row.message_id
    message['Auto-Submitted'] = 'auto-generated'  # RFC 3834: no out-of-office replies to the portal
    message.set_content(row.body)
    return message


def refused_for_good(error: Exception) -> bool:
    """The server refused this very mail with a permanent (5xx) answer: its recipient, or its content."""
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused):
        return all(refusal.code >= 500 for refusal in error.recipients)
    return isinstance(error, aiosmtplib.SMTPDataError) and error.code >= 500


def describe(error: Exception) -> str:
    """What the outbox keeps of a failure (the server's answer, never the mail)."""
    return f'{type(error).__name__}: {error}'[:500]
