"""The vocabulary of document capture: kinds of proof, enhancement modes, statuses and quality codes.

Each value has a catalogue key (``documents.kind.<code>`` and so on) that pages translate.
"""
from collections.abc import Sequence

from portal.core.errors import InvalidInput

KINDS = ('bank_statement', 'pay_slip', 'rental_contract', 'utility_bill', 'sick_note', 'id_document', 'letter',
         'other')
MODES = ('colour', 'grey', 'document')
DEFAULT_MODE = 'document'
RECEIVED, ACCEPTED, RESUBMIT = 'received', 'accepted', 'resubmit'
STATUSES = (RECEIVED, ACCEPTED, RESUBMIT)
QUALITY_CODES = ('blurred', 'too_dark', 'glare', 'cut_off', 'too_small', 'low_resolution', 'not_upright',
                 'orientation_unclear')
IMAGE, PDF = 'image', 'pdf'


def kind_key(kind: str) -> str:
    """Catalogue key of a kind's name, e.g. ``documents.kind.pay_slip``."""
    return f'documents.kind.{kind}'


def status_key(status: str) -> str:
    return f'documents.status.{status}'


def mode_key(mode: str) -> str:
    return f'documents.mode.{mode}'


def quality_key(code: str) -> str:
    return f'documents.quality.{code}'


def checked_kind(kind: str) -> str:
    if kind not in KINDS:
        raise InvalidInput('documents.error.kind')
    return kind


def checked_mode(mode: str) -> str:
    if mode not in MODES:
        raise InvalidInput('documents.error.mode')
    return mode


def checked_status(status: str) -> str:
    if status not in STATUSES:
        raise InvalidInput('documents.error.status')
    return status


def checked_quality(codes: Sequence[str]) -> tuple[str, ...]:
    """Quality codes in their catalogue order, each once; an unknown code is refused."""
    if any(code not in QUALITY_CODES for code in codes):  # only a broken client sends one: "reload the page"
        raise InvalidInput('documents.error.key')
    return tuple(code for code in QUALITY_CODES if code in codes)
