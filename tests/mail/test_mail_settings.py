"""The mail server's settings: production refuses a configuration that would send as nobody or send the password
in the clear; without a host, the portal runs and queues."""
import pytest

from portal.core.settings import InsecureSettings, Settings
from portal.mail.smtp import SmtpServer, sender

PRODUCTION = {'env': 'production', 'secret_key': 'x' * 40, 'public_url': 'https://portal.example'}


def test_production_refuses_a_mail_server_without_a_sender() -> None:
    with pytest.raises(InsecureSettings, match='PORTAL_SMTP_FROM'):
        Settings(_env_file=None, smtp_host='mail.example', **PRODUCTION).refuse_insecure()


def test_production_refuses_a_mail_password_sent_without_encryption() -> None:
    with pytest.raises(InsecureSettings, match='PORTAL_SMTP_TLS'):
        Settings(_env_file=None, smtp_host='mail.example', smtp_from='portal@jc.example', smtp_tls='none',
                 smtp_user='portal', smtp_password='secret', **PRODUCTION).refuse_insecure()


def test_a_bare_sender_address_is_named_after_the_district_and_the_password_is_not_shown() -> None:
    settings = Settings(_env_file=None, smtp_host='mail.example', smtp_from='portal@jc.example', smtp_user='portal',
                        smtp_password='very-secret-mail-password', district_name='Kreis Süd', **PRODUCTION)
    settings.refuse_insecure()
    server = SmtpServer.from_settings(settings)
    assert server is not None and server.sender == sender(settings)
    assert sender(settings) == '=?utf-8?q?Kreis_S=C3=BCd?= <portal@jc.example>'
    assert 'very-secret-mail-password' not in repr(server)


def test_without_a_mail_server_nothing_is_configured_to_send() -> None:
    assert SmtpServer.from_settings(Settings(_env_file=None)) is None
