"""Erasing a customer's account: sign-ins, activation and recovery codes, the account itself, and the failed
sign-ins counted under its e-mail address or customer number (``Customers.erase``)."""
from sqlmodel import Session, col, delete, select

from portal.identity.models import Account, ActivationCode, LoginAttempt, LoginSession, RecoveryCode
from portal.people.models import Customer


def erase_customer(session: Session, customer_id: int) -> list[str]:
    """Delete the customer's account and what hangs on it; no files (returns an empty list)."""
    account = session.exec(select(Account).where(Account.customer_id == customer_id)).first()
    if account is None:
        return []
    for table in (LoginSession, ActivationCode, RecoveryCode):
        session.execute(delete(table).where(col(table.account_id) == account.id))
    customer = session.get(Customer, customer_id)
    names = [account.email] + ([customer.email, customer.customer_number] if customer else [])
    keys = {f'id:{name.strip().lower()[:200]}' for name in names if name}
    session.execute(delete(LoginAttempt).where(col(LoginAttempt.key).in_(keys)))
    session.delete(account)
    session.flush()
    return []
