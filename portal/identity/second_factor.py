"""The second factor of staff sign-in: TOTP with enrolment by QR code, and single-use recovery codes."""
import secrets
from dataclasses import dataclass

import pyotp
from sqlmodel import Session, select

from portal.core.clock import Clock
from portal.core.crypto import Sealer, hash_secret, token_digest, verify_secret
from portal.core.db import Database
from portal.core.errors import NotAllowed, WrongCode
from portal.identity import throttle
from portal.identity.auth import Auth
from portal.identity.models import Account, LoginSession, RecoveryCode

RECOVERY_CODES = 10
ISSUER = 'Jobcenter-Portal'
STEP_SECONDS = 30


@dataclass(frozen=True)
class Enrolment:
    secret: str
    uri: str


class SecondFactor:
    """Works on a session that passed the password but not yet the second factor."""

    def __init__(self, database: Database, auth: Auth, sealer: Sealer, clock: Clock,
                 rule: throttle.ThrottleRule) -> None:
        self._db = database
        self._auth = auth
        self._sealer = sealer
        self._clock = clock
        self._rule = rule

    def start_enrolment(self, token: str, issuer: str = ISSUER) -> Enrolment:
        """A new secret for an account without one; calling again replaces an unconfirmed secret."""
        with self._db.session() as session:
            account = self._pending(session, token)
            if account.totp_enabled:
                raise NotAllowed()
            secret = pyotp.random_base32()
            account.totp_secret = self._sealer.seal_text(secret)
            session.add(account)
            session.commit()
            label = account.email or str(account.id)
            return Enrolment(secret, pyotp.TOTP(secret).provisioning_uri(name=label, issuer_name=issuer))

    def confirm_enrolment(self, token: str, code: str, address: str) -> list[str]:
        """Check the first code from the app; return fresh recovery codes, shown once."""
        with self._db.session() as session:
            account = self._pending(session, token)
            if account.totp_enabled or not account.totp_secret:
                raise NotAllowed()
            self._check_totp(session, account, code, address)
            account.totp_enabled = True
            codes = self._new_recovery_codes(session, account)
            self._finish(session, token, account)
            return codes

    def verify(self, token: str, code: str, address: str) -> None:
        """Accept a current TOTP code or an unused recovery code."""
        with self._db.session() as session:
            account = self._pending(session, token)
            if not account.totp_enabled:
                raise NotAllowed()
            cleaned = code.replace(' ', '').replace('-', '')
            if len(cleaned) == 6 and cleaned.isdigit():
                self._check_totp(session, account, cleaned, address)
            else:
                self._use_recovery_code(session, account, cleaned, address)
            self._finish(session, token, account)

    def _pending(self, session: Session, token: str) -> Account:
        pending = self._auth.pending_account(token)
        account = session.get(Account, pending.id) if pending is not None else None
        if account is None:
            raise NotAllowed()
        return account

    def _check_totp(self, session: Session, account: Account, code: str, address: str) -> None:
        key = f'2fa:{account.id}'
        now = self._clock()
        throttle.check(session=session, rule=self._rule, identifier=key, address=address, now=now)
        if account.totp_secret is None:  # the callers check this already: no code without an enrolled secret
            raise NotAllowed()
        totp = pyotp.TOTP(self._sealer.open_text(account.totp_secret))
        step = int(now.timestamp()) // STEP_SECONDS
        matched = next((s for s in (step - 1, step, step + 1)
                        if secrets.compare_digest(totp.at(s * STEP_SECONDS), code.strip())), None)
        if matched is None or (account.totp_last_step is not None and matched <= account.totp_last_step):
            throttle.fail(session=session, identifier=key, address=address, now=now)
            session.commit()
            raise WrongCode()
        account.totp_last_step = matched

    def _use_recovery_code(self, session: Session, account: Account, code: str, address: str) -> None:
        key = f'2fa:{account.id}'
        now = self._clock()
        throttle.check(session=session, rule=self._rule, identifier=key, address=address, now=now)
        unused = session.exec(select(RecoveryCode).where(RecoveryCode.account_id == account.id,
                                                         RecoveryCode.used_at == None)).all()  # noqa: E711
        match = next((row for row in unused if verify_secret(row.code_hash, code.upper())), None)
        if match is None:
            throttle.fail(session=session, identifier=key, address=address, now=now)
            session.commit()
            raise WrongCode()
        match.used_at = now
        session.add(match)

    def _new_recovery_codes(self, session: Session, account: Account) -> list[str]:
        for old in session.exec(select(RecoveryCode).where(RecoveryCode.account_id == account.id)).all():
            session.delete(old)
        codes = [secrets.token_hex(5).upper() for _ in range(RECOVERY_CODES)]
        for code in codes:
            session.add(RecoveryCode(account_id=account.id, code_hash=hash_secret(code)))
        return [f'{code[:5]}-{code[5:]}' for code in codes]

    def _finish(self, session: Session, token: str, account: Account) -> None:
        login = session.exec(select(LoginSession).where(LoginSession.token_hash == token_digest(token))).one()
        login.mfa_done = True
        session.add_all([login, account])
        session.commit()
