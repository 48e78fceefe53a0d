"""Small input rules of document capture: upload keys, notes, corners and how many sheets a scan counts."""
from portal.core.errors import InvalidInput
from portal.core.validation import text
from portal.documents.intake import PreparedScan
from portal.documents.kinds import IMAGE
from portal.documents.models import Scan

MAX_KEY = 64
MAX_NOTE = 500


def sheet_count(scan: PreparedScan | Scan) -> int:
    """A photo is one sheet; an imported PDF counts with all its sheets."""
    return scan.sheets if scan.source != IMAGE else 1


def upload_key_of(value: str) -> str:
    """An idempotency key chosen by the client (e.g. a UUID): 1 to 64 visible characters."""
    cleaned = (value or '').strip()
    if not cleaned or len(cleaned) > MAX_KEY or any(ord(ch) < 33 or ord(ch) == 127 for ch in cleaned):
        raise InvalidInput('documents.error.key')
    return cleaned


def note_of(note: str) -> str:
    return text(note, 'documents.field.note', maximum=MAX_NOTE, required=False, multiline=True)


def corners_of(corners: list[list[float]] | None, scan: Scan) -> list[list[float]] | None:
    """Four points inside the image (a little slack for a corner dragged onto the edge)."""
    if corners is None:
        return None
    try:
        points = [[float(x), float(y)] for x, y in corners]
    except (TypeError, ValueError) as problem:
        raise InvalidInput('documents.error.corners') from problem
    slack = 0.02 * max(scan.width, scan.height)
    if len(points) != 4 or not all(-slack <= x <= scan.width + slack and -slack <= y <= scan.height + slack
                                   for x, y in points):
        raise InvalidInput('documents.error.corners')
    return points
