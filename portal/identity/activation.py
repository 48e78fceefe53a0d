"""One-time activation codes: staff issue them on a letter; the person sets a password with them.

A code is single use, expires, and replaces every earlier unused code of the same account. The same
path resets a forgotten password: staff issue a new letter.
"""
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from portal.audit import service as audit
from portal.core.clock import Clock
from portal.core.crypto import hash_secret, verify_secret
from portal.core.db import Database, get_existing
from portal.core.errors import ActivationFailed, NotFound
from portal.identity import throttle
from portal.identity.auth import Auth, SignIn, check_password_rules, find_account, normalise_identifier, revoke_sessions
from portal.identity.models import Account, ActivationCode
from portal.identity.roles import Actor, Role
from portal.people.access import ensure_can_view_customer, require, staff_id_of
from portal.people.models import Customer, Location, Staff
from portal.people.views import LocationView, location_view

ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'  # no 0/O, 1/I: codes are typed from paper


@dataclass(frozen=True)
class IssuedCode:
    """What the letter shows. The plain code exists only here: the database keeps its hash."""

    code: str
    issued_at: datetime
    expires_at: datetime
    name: str
    identifier: str  # the customer number, or a member of staff's e-mail
    language: str  # the letter is printed in this language when its catalogue has the letter's texts
    for_customer: bool  # False: a letter to a member of staff
    address: tuple[str, ...] = ()  # the postal address below the name (a member of staff: their office)
    office: LocationView | None = None  # the job centre the letter comes from: the addressee's office


def _lines(*lines: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in lines if line.strip())


def new_code() -> str:
    raw = ''.join(secrets.choice(ALPHABET) for _ in range(12))
    return '-'.join(raw[i:i + 4] for i in range(0, 12, 4))


def clean_code(code: str) -> str:
    return code.strip().upper().replace('-', '').replace(' ', '')


class Activation:
    def __init__(self, database: Database, auth: Auth, clock: Clock, rule: throttle.ThrottleRule,
                 valid_days: int) -> None:
        self._db = database
        self._auth = auth
        self._clock = clock
        self._rule = rule
        self._valid = timedelta(days=valid_days)

    def issue_for_customer(self, actor: Actor, customer_id: int) -> IssuedCode:
        """Case workers of the customer's team and admins may issue a letter."""
        require(actor, Role.CASEWORKER, Role.ADMIN)
        with self._db.session() as session:
            customer = ensure_can_view_customer(actor, session.get(Customer, customer_id))
            if Role.ADMIN not in actor.roles and customer.team_id not in actor.team_ids:
                raise NotFound()
            account = session.exec(select(Account).where(Account.customer_id == customer.id)).one()
            code, expires = self._issue(session, actor, account)
            audit.record(session=session, actor=actor, action='activation.issue', at=self._clock(),
                         customer_id=customer.id)
            session.commit()
            return IssuedCode(code, self._clock(), expires, f'{customer.first_name} {customer.last_name}',
                              customer.customer_number, customer.preferred_language, True,
                              _lines(customer.street, f'{customer.postcode} {customer.city}'),
                              location_view(get_existing(Location, customer.location_id, session=session)))

    def issue_for_staff(self, actor: Actor, staff_id: int) -> IssuedCode:
        """Admins issue letters to staff (first sign-in or forgotten password)."""
        require(actor, Role.ADMIN)
        with self._db.session() as session:
            staff = session.get(Staff, staff_id)
            if staff is None:
                raise NotFound()
            account = session.exec(select(Account).where(Account.staff_id == staff.id)).one()
            code, expires = self._issue(session, actor, account)
            session.commit()
            office = get_existing(Location, staff.location_id, session=session)
            return IssuedCode(code, self._clock(), expires, f'{staff.first_name} {staff.last_name}', staff.email,
                              account.language, False,
                              _lines(office.name, office.street, f'{office.postcode} {office.city}'),
                              location_view(office))

    def activate(self, identifier: str, code: str, password: str, address: str) -> SignIn:
        """Set the password with a valid code and sign in. All failures look the same."""
        check_password_rules(password)
        wanted = normalise_identifier(identifier)[:200]
        now = self._clock()
        with self._db.session() as session:
            throttle.check(session=session, rule=self._rule, identifier=f'act:{wanted}', address=address, now=now)
            account = find_account(session, wanted)
            match = self._matching_code(session, account, clean_code(code), now)
            if match is None or account is None or account.disabled:
                throttle.fail(session=session, identifier=f'act:{wanted}', address=address, now=now)
                session.commit()
                raise ActivationFailed()
            match.used_at = now
            account.password_hash = hash_secret(password)
            session.add_all([match, account])
            revoke_sessions(session, account.id, now)
            result = self._auth.open_session(session, account, address)
            session.commit()
            return result

    def _issue(self, session: Session, actor: Actor, account: Account) -> tuple[str, datetime]:
        now = self._clock()
        for old in session.exec(select(ActivationCode).where(ActivationCode.account_id == account.id,
                                                             ActivationCode.used_at == None,  # noqa: E711
                                                             ActivationCode.revoked_at == None)).all():  # noqa: E711
            old.revoked_at = now
            session.add(old)
        code = new_code()
        expires = now + self._valid
        session.add(ActivationCode(account_id=account.id, code_hash=hash_secret(clean_code(code)),
                                   issued_by=staff_id_of(actor), issued_at=now, expires_at=expires))
        return code, expires

    def _matching_code(self, session: Session, account: Account | None, code: str,
                       now: datetime) -> ActivationCode | None:
        if account is None:
            verify_secret(None, code)  # same work as for a real account
            return None
        valid = session.exec(select(ActivationCode).where(
            ActivationCode.account_id == account.id, ActivationCode.used_at == None,  # noqa: E711
            ActivationCode.revoked_at == None, ActivationCode.expires_at > now)).all()  # noqa: E711
        return next((row for row in valid if verify_secret(row.code_hash, code)), None)
