"""Standard reasons to ask a customer to send a proof again: fixed codes the customer reads in their own language.

Each code has the catalogue key ``documents.reason.<code>``. Staff may add a message of their own; it is shown
to the customer as written (in German), marked as such.
"""
from portal.core.errors import InvalidInput

OTHER = 'other'
REASONS = ('unreadable', 'page_missing', 'wrong_document', 'expired', 'incomplete', OTHER)


def reason_key(code: str) -> str:
    """Catalogue key of a standard reason, e.g. ``documents.reason.page_missing``."""
    return f'documents.reason.{code}'


def checked_reason(code: str) -> str:
    """A standard reason, or '' for none."""
    if code and code not in REASONS:
        raise InvalidInput('documents.error.reason')
    return code
