"""Settings: development runs with defaults; production refuses placeholder secrets."""
import pytest

from portal.core.settings import DEV_SECRET, InsecureSettings, Settings


def test_development_starts_with_the_defaults() -> None:
    settings = Settings(_env_file=None)
    assert settings.env == 'development'
    assert settings.database_url.startswith('sqlite')
    assert not settings.secure_cookies


@pytest.mark.parametrize('secret', [DEV_SECRET, 'change-me', 'short-secret'])
def test_production_refuses_a_placeholder_or_short_secret(secret: str) -> None:
    with pytest.raises(InsecureSettings, match='PORTAL_SECRET_KEY'):
        Settings(_env_file=None, env='production', secret_key=secret).refuse_insecure()


def test_production_refuses_a_configured_sign_on_provider_without_its_secret() -> None:
    with pytest.raises(InsecureSettings, match='PORTAL_STAFF_OIDC_CLIENT_SECRET'):
        Settings(_env_file=None, env='production', secret_key='x' * 40,
                 staff_oidc_issuer='https://idp.example/realm').refuse_insecure()


def test_production_starts_with_real_secrets_and_marks_cookies_secure_over_https() -> None:
    settings = Settings(_env_file=None, env='production', secret_key='x' * 40, public_url='https://portal.example')
    settings.refuse_insecure()
    assert settings.secure_cookies
    assert settings.origin == 'https://portal.example'


def test_secrets_do_not_show_in_the_settings_text() -> None:
    settings = Settings(_env_file=None, secret_key='very-secret-value-' * 3)
    assert 'very-secret-value' not in repr(settings)


def test_without_a_public_url_the_portal_is_reached_on_its_own_port() -> None:
    settings = Settings(_env_file=None, port=9000)
    assert settings.origin == 'http://127.0.0.1:9000'
    assert Settings(_env_file=None, port=9000, public_url='https://portal.example').origin == 'https://portal.example'
