"""The digital customer card: a QR payload that reception can trust, because it carries a signature."""
import hashlib
import hmac

PREFIX = 'JCP1'


class CardSigner:
    def __init__(self, secret: str) -> None:
        self._key = hmac.new(secret.encode(), b'customer-card', hashlib.sha256).digest()

    def payload(self, customer_number: str) -> str:
        return f'{PREFIX}:{customer_number}:{self._mac(customer_number)}'

    def customer_number(self, payload: str) -> str | None:
        """The customer number of a genuine card, or None for anything forged or malformed."""
        parts = payload.strip().split(':')
        if len(parts) != 3 or parts[0] != PREFIX:
            return None
        if not hmac.compare_digest(parts[2], self._mac(parts[1])):
            return None
        return parts[1]

    def _mac(self, customer_number: str) -> str:
        return hmac.new(self._key, customer_number.encode(), hashlib.sha256).hexdigest()[:20]
