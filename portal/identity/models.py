"""Sign-in identities and what belongs to signing in: sessions, activation codes, attempts, recovery codes."""
from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class Account(SQLModel, table=True):
    """A login. Belongs either to a customer or to a member of staff. Ids are never reused (the audit log names the
    accounts of erased customers by id)."""

    __table_args__ = (UniqueConstraint('oidc_issuer', 'oidc_subject'), {'sqlite_autoincrement': True})

    id: int = Field(default=None, primary_key=True)  # None until the row is added
    customer_id: int | None = Field(default=None, foreign_key='customer.id', unique=True)
    staff_id: int | None = Field(default=None, foreign_key='staff.id', unique=True)
    email: str | None = Field(default=None, max_length=200, unique=True)
    password_hash: str | None = Field(default=None, max_length=200)
    language: str = Field(default='de', max_length=5)
    totp_secret: str | None = Field(default=None, max_length=400)
    totp_enabled: bool = False
    totp_last_step: int | None = None
    oidc_issuer: str | None = Field(default=None, max_length=300)
    oidc_subject: str | None = Field(default=None, max_length=300)
    disabled: bool = False
    created_at: datetime


class LoginSession(SQLModel, table=True):
    """A signed-in browser. Only the token's hash is stored; ``mfa_done`` is set after the second factor."""

    id: int = Field(default=None, primary_key=True)  # None until the row is added
    token_hash: str = Field(max_length=64, unique=True)
    account_id: int = Field(foreign_key='account.id', index=True)
    created_at: datetime
    last_seen_at: datetime
    mfa_done: bool = False
    address: str = Field(default='', max_length=64)
    revoked_at: datetime | None = None


class ActivationCode(SQLModel, table=True):
    """A one-time code, issued by staff on a letter, with which a person sets the account's password."""

    id: int = Field(default=None, primary_key=True)  # None until the row is added
    account_id: int = Field(foreign_key='account.id', index=True)
    code_hash: str = Field(max_length=200)
    issued_by: int = Field(foreign_key='staff.id')
    issued_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    revoked_at: datetime | None = None


class LoginAttempt(SQLModel, table=True):
    """A failed sign-in, counted per key: ``id:<identifier>`` or ``ip:<address>``."""

    id: int = Field(default=None, primary_key=True)  # None until the row is added
    key: str = Field(max_length=250, index=True)
    at: datetime = Field(index=True)


class RecoveryCode(SQLModel, table=True):
    """A single-use code that replaces the authenticator app once."""

    id: int = Field(default=None, primary_key=True)  # None until the row is added
    account_id: int = Field(foreign_key='account.id', index=True)
    code_hash: str = Field(max_length=200)
    used_at: datetime | None = None
