"""Single sign-on: turn the verified ID-token claims of an OpenID provider into a sign-in.

Two providers can be configured: one for citizens (a BundID-style identity service) and one for staff (the
district's directory). Their claims reach this service only after the web layer has checked the ID token
(signature, issuer, audience, expiry, nonce) and PKCE; this service decides who the identity is:

- staff by the directory's verified e-mail address, the first time; from then on by the linked issuer and
  subject (an account holds one linked identity). Staff still pass their second factor after SSO.
- customers only by an identity linked before: a BundID identity carries no customer number, so an unknown
  citizen identity is "not linked". The person activates the account once with the code from the letter, and
  ``link`` then ties the identity to the account.

Nothing is throttled here (the provider does that for its own sign-in); disabled accounts are refused.
"""
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from portal.core.clock import Clock
from portal.core.db import Database, get_existing
from portal.core.errors import Conflict, NotAllowed, PortalError
from portal.core.settings import Settings
from portal.identity.auth import Auth, SignIn
from portal.identity.models import Account

PENDING_LIFETIME = timedelta(minutes=30)
MAX_CLAIM = 300  # the length of Account.oidc_issuer and Account.oidc_subject


class Kind(StrEnum):
    """Which of the two configured providers vouched for the identity."""

    CITIZEN = 'citizen'
    STAFF = 'staff'


@dataclass(frozen=True)
class PendingIdentity:
    """A verified citizen identity not linked to any account yet; linkable until ``until``."""

    issuer: str
    subject: str
    until: datetime


class SignOnFailed(PortalError):
    """The identity cannot sign in: wrong issuer, missing or unverified claims, unknown staff, disabled account."""

    key = 'auth.sso_failed'


class NotLinked(PortalError):
    """A citizen identity that belongs to no account yet; the person must activate with the letter's code."""

    key = 'auth.sso_not_linked'

    def __init__(self, pending: PendingIdentity) -> None:
        super().__init__()
        self.pending = pending


def configured_issuers(settings: Settings) -> dict[Kind, str]:
    """The issuer URL of each configured provider."""
    return {kind: str(issuer) for kind in Kind if (issuer := getattr(settings, f'{kind}_oidc_issuer'))}


def same_issuer(first: str, second: str) -> bool:
    """Issuers compare as given, except that a configured URL may carry a trailing slash."""
    return first.rstrip('/') == second.rstrip('/')


class SingleSignOn:
    """Maps identities from the configured providers to accounts; ``issuers`` holds each kind's issuer URL."""

    def __init__(self, database: Database, auth: Auth, clock: Clock, issuers: Mapping[Kind, str]) -> None:
        self._db = database
        self._auth = auth
        self._clock = clock
        self._issuers = dict(issuers)

    def sign_in(self, kind: Kind, claims: Mapping[str, object], address: str) -> SignIn:
        """Start a session for verified claims; raises ``NotLinked`` for an unknown citizen identity."""
        issuer, subject = self._identity(kind, claims)
        with self._db.session() as session:
            account = find_linked(session, issuer, subject)
            if account is None and kind is Kind.CITIZEN:
                raise NotLinked(PendingIdentity(issuer, subject, self._clock() + PENDING_LIFETIME))
            if account is None:
                account = _staff_by_email(session, claims)
                _link_first_time(session, account, issuer, subject)
            if account.disabled or not _fits(kind, account):
                raise SignOnFailed()
            result = self._auth.open_session(session, account, address)
            _commit(session)
            return result

    def link(self, token: str | None, issuer: str, subject: str, *, until: datetime) -> None:
        """Link a pending citizen identity to the customer signed in with ``token`` (after activation)."""
        actor = self._auth.actor(token)
        if actor is None or not actor.is_customer:
            raise NotAllowed()
        citizen_issuer = self._issuers.get(Kind.CITIZEN)
        if self._clock() > until or not citizen_issuer or not same_issuer(issuer, citizen_issuer) \
                or not subject or len(subject) > MAX_CLAIM:
            raise SignOnFailed()
        with self._db.session() as session:
            taken = find_linked(session, issuer, subject)
            if taken is not None and taken.id != actor.account_id:
                raise Conflict()
            account = get_existing(Account, actor.account_id, session=session)
            account.oidc_issuer, account.oidc_subject = issuer, subject
            session.add(account)
            _commit(session)

    def _identity(self, kind: Kind, claims: Mapping[str, object]) -> tuple[str, str]:
        configured = self._issuers.get(kind)
        issuer, subject = claims.get('iss'), claims.get('sub')
        if not configured or not isinstance(issuer, str) or not same_issuer(issuer, configured):
            raise SignOnFailed()
        if not isinstance(subject, str) or not subject or len(subject) > MAX_CLAIM or len(issuer) > MAX_CLAIM:
            raise SignOnFailed()
        return issuer, subject


def _fits(kind: Kind, account: Account) -> bool:
    """The citizens' provider signs in customers only, the staff directory staff only."""
    return (account.staff_id is not None) if kind is Kind.STAFF else (account.customer_id is not None)


def _commit(session: Session) -> None:
    """Two browsers linking the same identity at once: the unique index decides, the loser gets a Conflict."""
    try:
        session.commit()
    except IntegrityError as error:
        session.rollback()
        raise Conflict() from error


def find_linked(session: Session, issuer: str, subject: str) -> Account | None:
    return session.exec(select(Account).where(Account.oidc_issuer == issuer,
                                              Account.oidc_subject == subject)).first()


def _staff_by_email(session: Session, claims: Mapping[str, object]) -> Account:
    email, verified = claims.get('email'), claims.get('email_verified')
    if not isinstance(email, str) or not email.strip() or not (verified is True or verified == 'true'):
        raise SignOnFailed()
    account = session.exec(select(Account).where(Account.email == email.strip().lower())).first()
    if account is None or account.staff_id is None:
        raise SignOnFailed()
    return account


def _link_first_time(session: Session, account: Account, issuer: str, subject: str) -> None:
    """A staff account holds one directory identity: a different one already linked is refused, not replaced."""
    if account.oidc_subject is not None and (account.oidc_issuer, account.oidc_subject) != (issuer, subject):
        raise SignOnFailed()
    account.oidc_issuer, account.oidc_subject = issuer, subject
    session.add(account)
