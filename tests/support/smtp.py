"""A real SMTP server for the tests (aiosmtpd, in its own thread), that keeps what arrived and can refuse on demand;
optionally with STARTTLS or TLS (a certificate made for the test) and a login."""
import datetime as dt
import email
import email.policy
import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from portal.mail.smtp import SmtpServer

USER, PASSWORD = 'portal', 'mail-password-for-tests'


@dataclass
class Arrived:
    """One mail as the server received it: the envelope and the parsed message."""

    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    raw: bytes


@dataclass
class Inbox:
    """The server's handler: keeps what arrived; ``refuse`` maps an address to the answer given to RCPT TO."""

    arrived: list[Arrived] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)
    changed: threading.Condition = field(default_factory=threading.Condition)

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope, address: str,
                          options: list[str]) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = bytes(envelope.original_content or b'')
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        with self.changed:
            self.arrived.append(Arrived(str(envelope.mail_from), list(envelope.rcpt_tos), message, raw))
            self.changed.notify_all()
        return '250 Message accepted'

    def messages(self) -> list[EmailMessage]:
        with self.changed:
            return [each.message for each in self.arrived]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


def certificate(folder: Path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """A self-signed certificate for 127.0.0.1: the server's context, and a client context that trusts it."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, 'mail.test')])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address('127.0.0.1'))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / 'mail.pem', folder / 'mail.key'
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(cert_file, key_file)
    return server, ssl.create_default_context(cafile=str(cert_file))


def check_login(server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: object) -> AuthResult:
    good = isinstance(data, LoginPassword) and data.login == USER.encode() and data.password == PASSWORD.encode()
    return AuthResult(success=good, handled=False)  # not handled: the server answers 535 itself


@contextmanager
def running_smtp(folder: Path, *, tls: str = 'none', login: bool = False) -> Iterator[tuple[Inbox, SmtpServer]]:
    """An SMTP server on a free port; yields its inbox and the ``SmtpServer`` the portal would be configured with."""
    inbox = Inbox()
    port = free_port()
    options: dict[str, object] = {}
    client_context = None
    if tls != 'none':
        server_context, client_context = certificate(folder)
        options = {'ssl_context': server_context} if tls == 'tls' else {'tls_context': server_context,
                                                                         'require_starttls': True}
    if login:  # aiosmtpd offers AUTH over TLS from the first byte only when not told to require (STARTTLS's) TLS
        options.update(authenticator=check_login, auth_required=True, auth_require_tls=tls != 'tls')
    controller = Controller(inbox, hostname='127.0.0.1', port=port, **options)
    controller.start()
    try:
        yield inbox, SmtpServer('127.0.0.1', port, tls, USER if login else '', PASSWORD if login else '',
                                'Landkreis Musterland <noreply@portal.example>', client_context)
    finally:
        controller.stop()


def wait_for_mail(inbox: Inbox, count: int, timeout: float = 20.0) -> list[EmailMessage]:
    """Until ``count`` mails arrived (the sender already returned; the server's thread may still be storing)."""
    with inbox.changed:
        inbox.changed.wait_for(lambda: len(inbox.arrived) >= count, timeout)
    return inbox.messages()
