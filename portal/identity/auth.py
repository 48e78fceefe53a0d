"""Signing in and out: passwords, sessions, second factor and the actor behind a session token."""
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sqlmodel import Session, col, select

from portal.core.clock import Clock, TokenSource
from portal.core.crypto import hash_secret, token_digest, verify_secret
from portal.core.db import Database, get_existing
from portal.core.errors import InvalidInput, LoginFailed, NotAllowed
from portal.identity import throttle
from portal.identity.models import Account, LoginSession
from portal.identity.roles import Actor, Role
from portal.people.models import Customer, Staff, StaffTeam, is_under_25

MIN_PASSWORD = 10
MAX_PASSWORD = 200
LAST_SEEN_STEP = timedelta(minutes=5)


class Step(StrEnum):
    """What a freshly signed-in browser must do next."""

    DONE = 'done'
    SECOND_FACTOR = 'second_factor'
    ENROL = 'enrol'


@dataclass(frozen=True)
class SignIn:
    token: str
    step: Step
    language: str


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput('auth.password_too_short', minimum=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise InvalidInput('auth.password_too_long', maximum=MAX_PASSWORD)


def normalise_identifier(identifier: str) -> str:
    text = identifier.strip()
    return text.lower() if '@' in text else text.upper().replace(' ', '')


class Auth:
    """Sessions are rows keyed by the SHA-256 of a random token; the browser keeps only the token."""

    def __init__(self, database: Database, clock: Clock, tokens: TokenSource, rule: throttle.ThrottleRule,
                 session_hours: int) -> None:
        self._db = database
        self._clock = clock
        self._tokens = tokens
        self._rule = rule
        self._lifetime = timedelta(hours=session_hours)

    def login(self, identifier: str, password: str, address: str) -> SignIn:
        """Password sign-in with e-mail or customer number. Staff must pass a second factor next."""
        wanted = normalise_identifier(identifier)[:200]
        now = self._clock()
        with self._db.session() as session:
            throttle.check(session=session, rule=self._rule, identifier=wanted, address=address, now=now)
            account = find_account(session, wanted)
            if not verify_secret(account.password_hash if account else None, password[:MAX_PASSWORD]) \
                    or account is None or account.disabled:
                throttle.fail(session=session, identifier=wanted, address=address, now=now)
                session.commit()
                raise LoginFailed()
            throttle.succeed(session=session, identifier=wanted, now=now, rule=self._rule)
            result = self.open_session(session, account, address)
            session.commit()
            return result

    def open_session(self, session: Session, account: Account, address: str) -> SignIn:
        """Start a session; customers are done, staff need their second factor (or to enrol one)."""
        token = self._tokens(32)
        now = self._clock()
        is_staff = account.staff_id is not None
        session.add(LoginSession(token_hash=token_digest(token), account_id=account.id, created_at=now,
                                 last_seen_at=now, mfa_done=not is_staff, address=address[:64]))
        if not is_staff:
            step = Step.DONE
        else:
            step = Step.SECOND_FACTOR if account.totp_enabled else Step.ENROL
        return SignIn(token=token, step=step, language=account.language)

    def actor(self, token: str | None) -> Actor | None:
        """The fully signed-in actor behind a token, or None (unknown, expired, revoked, factor missing)."""
        with self._db.session() as session:
            found = self._live_session(session, token)
            if found is None or not found.mfa_done:
                return None
            actor = build_actor(session, found, self._clock().date())
            if actor and self._clock() - found.last_seen_at > LAST_SEEN_STEP:
                found.last_seen_at = self._clock()
                session.add(found)
                session.commit()
            return actor

    def pending_account(self, token: str | None) -> Account | None:
        """The account of a session still waiting for its second factor."""
        with self._db.session() as session:
            found = self._live_session(session, token)
            if found is None or found.mfa_done:
                return None
            return session.get(Account, found.account_id)

    def logout(self, token: str | None) -> None:
        with self._db.session() as session:
            found = self._live_session(session, token)
            if found is not None:
                found.revoked_at = self._clock()
                session.add(found)
                session.commit()

    def change_password(self, actor: Actor, old: str, new: str) -> None:
        """Needs the old password; ends the account's other sessions."""
        check_password_rules(new)
        with self._db.session() as session:
            account = session.get(Account, actor.account_id)
            if account is None or not verify_secret(account.password_hash, old[:MAX_PASSWORD]):
                raise InvalidInput('auth.old_password_wrong')
            account.password_hash = hash_secret(new)
            session.add(account)
            revoke_sessions(session, account.id, self._clock(), keep=actor.session_id)
            session.commit()

    def set_language(self, actor: Actor, code: str) -> None:
        with self._db.session() as session:
            account = session.get(Account, actor.account_id)
            if account is None:
                raise NotAllowed()
            account.language = code
            session.add(account)
            session.commit()

    def _live_session(self, session: Session, token: str | None) -> LoginSession | None:
        if not token:
            return None
        found = session.exec(select(LoginSession).where(LoginSession.token_hash == token_digest(token))).first()
        if found is None or found.revoked_at is not None or self._clock() - found.created_at > self._lifetime:
            return None
        return found


def find_account(session: Session, identifier: str) -> Account | None:
    if '@' in identifier:
        return session.exec(select(Account).where(Account.email == identifier)).first()
    return session.exec(
        select(Account).join(Customer, col(Customer.id) == Account.customer_id)
        .where(Customer.customer_number == identifier)
    ).first()


def revoke_sessions(session: Session, account_id: int, now, keep: int | None = None) -> None:
    live = session.exec(select(LoginSession).where(LoginSession.account_id == account_id,
                                                   LoginSession.revoked_at == None)).all()  # noqa: E711
    for row in live:
        if row.id != keep:
            row.revoked_at = now
            session.add(row)


def build_actor(session: Session, login: LoginSession, today: date) -> Actor | None:
    """The youth role follows the date of birth, so it ends on the 25th birthday without anyone acting."""
    account = session.get(Account, login.account_id)
    if account is None or account.disabled:
        return None
    if account.customer_id is not None:
        customer = get_existing(Customer, account.customer_id, session=session)
        role = Role.YOUTH if is_under_25(customer.date_of_birth, today) else Role.CITIZEN
        return Actor(account_id=account.id, name=f'{customer.first_name} {customer.last_name}',
                     roles=frozenset({role}), language=account.language, customer_id=customer.id,
                     session_id=login.id, location_id=customer.location_id)
    staff = get_existing(Staff, account.staff_id, session=session)  # an account without a customer has staff
    teams = session.exec(select(StaffTeam.team_id).where(StaffTeam.staff_id == staff.id)).all()
    return Actor(account_id=account.id, name=f'{staff.first_name} {staff.last_name}',
                 roles=frozenset(Role(role) for role in staff.roles), language=account.language,
                 staff_id=staff.id, team_ids=frozenset(teams), session_id=login.id,
                 location_id=staff.location_id)
