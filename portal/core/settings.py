"""All configuration of the portal, read from the environment (prefix ``PORTAL_``) or a ``.env`` file."""
from pathlib import Path
from typing import Literal

from pydantic import AnyHttpUrl, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = {'', 'change-me', 'changeme', 'secret', 'dev-secret-change-me'}
DEV_SECRET = 'dev-secret-change-me'  # noqa: S105 (refused in production)


class InsecureSettings(ValueError):
    """Raised at start-up when production runs with missing or placeholder secrets."""


class Settings(BaseSettings):
    """The portal's settings; every field is documented in the README's configuration table."""

    model_config = SettingsConfigDict(env_prefix='PORTAL_', env_file='.env', extra='ignore')

    env: Literal['development', 'production'] = 'development'
    database_url: str = 'sqlite:///./data/portal.db'
    data_dir: Path = Path('./data')
    redis_url: str | None = None
    secret_key: SecretStr = SecretStr(DEV_SECRET)
    public_url: AnyHttpUrl = AnyHttpUrl('http://127.0.0.1:8080')
    host: str = '127.0.0.1'
    port: int = 8080
    default_language: str = 'de'
    reconnect_timeout: float = 30.0
    session_hours: int = 12
    activation_days: int = 14
    login_failures_per_account: int = 5
    login_failures_per_address: int = 20
    login_window_minutes: int = 15
    citizen_oidc_issuer: AnyHttpUrl | None = None
    citizen_oidc_client_id: str = ''
    citizen_oidc_client_secret: SecretStr = SecretStr('')
    citizen_oidc_name: str = 'BundID'
    staff_oidc_issuer: AnyHttpUrl | None = None
    staff_oidc_client_id: str = ''
    staff_oidc_client_secret: SecretStr = SecretStr('')
    staff_oidc_name: str = 'Verzeichnisdienst'
    district_name: str = Field(default='Landkreis Musterland')
    document_keys: SecretStr = SecretStr('')
    document_max_upload_bytes: int = 15_000_000
    document_max_bytes: int = 40_000_000
    document_max_megapixels: float = 50.0
    document_max_sheets: int = 30
    document_uploads_per_hour: int = 100
    document_draft_days: int = Field(default=14, ge=1)
    document_font: Path = Path('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf')
    worker_processes: int = Field(default=2, ge=1)
    worker_memory_mb: int = Field(default=1536, ge=512)
    worker_seconds: float = Field(default=30.0, gt=0)
    upload_idle_seconds: float = Field(default=30.0, gt=0)
    chat_max_chars: int = Field(default=2000, ge=100)
    chat_messages_per_minute: int = Field(default=15, ge=1)
    chat_show_read: bool = True  # customers see when staff have read their messages
    chat_admins_see_all: bool = True  # admins see every team's conversations
    chat_notice_minutes: int = Field(default=5, ge=1)
    smtp_host: str = ''
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_tls: Literal['none', 'starttls', 'tls'] = 'starttls'
    smtp_user: str = ''
    smtp_password: SecretStr = SecretStr('')
    smtp_from: str = ''

    @model_validator(mode='after')
    def _public_url_follows_the_port(self) -> 'Settings':
        """Without PORTAL_PUBLIC_URL, people reach the portal where it listens (all interfaces: on this machine)."""
        if 'public_url' not in self.model_fields_set:
            host = '127.0.0.1' if self.host in ('', '0.0.0.0', '::') else self.host  # noqa: S104 (compared only)
            self.public_url = AnyHttpUrl(f'http://{f"[{host}]" if ":" in host else host}:{self.port}')
        return self

    def refuse_insecure(self) -> None:
        """Raise InsecureSettings, naming every problem, when production runs with placeholder secrets."""
        if self.env != 'production':
            return
        problems = []
        if self.secret_key.get_secret_value().strip().lower() in PLACEHOLDER_SECRETS or \
                len(self.secret_key.get_secret_value()) < 32:
            problems.append('PORTAL_SECRET_KEY must be set to a random value of at least 32 characters')
        for kind in ('citizen', 'staff'):
            issuer = getattr(self, f'{kind}_oidc_issuer')
            secret = getattr(self, f'{kind}_oidc_client_secret').get_secret_value()
            if issuer and secret.strip().lower() in PLACEHOLDER_SECRETS:
                problems.append(f'PORTAL_{kind.upper()}_OIDC_CLIENT_SECRET must be set when its issuer is configured')
        problems.extend(self._mail_problems())
        if problems:
            raise InsecureSettings('Refusing to start in production: ' + '; '.join(problems))

    def _mail_problems(self) -> list[str]:
        if not self.smtp_host:
            return []
        problems = []
        if not self.smtp_from:
            problems.append('PORTAL_SMTP_FROM must be set when PORTAL_SMTP_HOST is')
        if self.smtp_tls == 'none' and self.smtp_password.get_secret_value():
            problems.append('PORTAL_SMTP_TLS must be starttls or tls when PORTAL_SMTP_PASSWORD is set')
        return problems

    @property
    def secure_cookies(self) -> bool:
        """Cookies get the Secure flag whenever the portal is served over https."""
        return self.public_url.scheme == 'https'

    @property
    def origin(self) -> str:
        """Scheme, host and port of the public URL, as browsers send it in the Origin header."""
        url = self.public_url
        default_port = {'http': 80, 'https': 443}[url.scheme]
        port = '' if url.port in (None, default_port) else f':{url.port}'
        return f'{url.scheme}://{url.host}{port}'
