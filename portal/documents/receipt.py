"""The receipt (Eingangsbestätigung) as PDF: facts of the submission and a thumbnail of every sheet.

German first, then the customer's language, each in the font of its script (``portal.core.paper``, fpdf2 with
HarfBuzz shaping); a name in another script is set in that script's font.
"""
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fpdf import FPDF

from portal.core.i18n import SOURCE, Translator
from portal.core.paper import LATIN, MARGIN, Bilingual, Text, new_paper, row, write
from portal.documents.kinds import kind_key

COLUMNS = 4
GAP = 4  # mm between thumbnails


@dataclass(frozen=True)
class ReceiptFacts:
    """What the receipt states. ``submitted_at`` is aware UTC (shown in Europe/Berlin)."""

    number: int
    district: str
    customer_name: str
    customer_number: str
    submitted_at: datetime
    kind: str
    sheet_count: int
    sha256: str
    note: str
    language: str
    thumbnails: tuple[bytes, ...]


def receipt_pdf(facts: ReceiptFacts, font: Path) -> bytes:
    """Build the receipt; raises FileNotFoundError when the configured font is missing."""
    pdf, fonts = new_paper(font, Translator(SOURCE)('documents.receipt.title'))
    both = Bilingual(facts.language, fonts)
    write(pdf, [Text(facts.district)], size=10, height=6)
    write(pdf, both('documents.receipt.title'), size=18, height=9)
    write(pdf, both('documents.receipt.intro'), size=10, height=5)
    pdf.ln(4)
    for label, value in _rows(facts, both):
        row(pdf, both(label), value)
    _thumbnails(pdf, facts.thumbnails, both('documents.receipt.thumbnails'))
    write(pdf, both('documents.receipt.footer'), size=8, height=4)
    return bytes(pdf.output())


def _rows(facts: ReceiptFacts, both: Bilingual) -> list[tuple[str, list[Text]]]:
    rows = [
        ('documents.receipt.number', [Text(str(facts.number))]),
        ('documents.receipt.customer', both.value(facts.customer_name)),
        ('documents.receipt.customer_number', [Text(facts.customer_number)]),
        ('documents.receipt.submitted_at', [Text(both.german.datetime(facts.submitted_at, 'medium'))]),
        ('documents.receipt.kind', both(kind_key(facts.kind))),
        ('documents.receipt.sheets', [Text(str(facts.sheet_count))]),
        ('documents.receipt.sha256', [Text(f'{facts.sha256[:32]}\n{facts.sha256[32:]}')]),
    ]
    if facts.note:
        rows.append(('documents.receipt.note', both.value(facts.note)))
    return rows


def _thumbnails(pdf: FPDF, thumbnails: tuple[bytes, ...], label: list[Text]) -> None:
    """A grid of the sheets, COLUMNS wide, continued on a new sheet when one is full."""
    pdf.ln(2)
    write(pdf, label, size=10, height=5)
    width = (pdf.w - 2 * MARGIN - (COLUMNS - 1) * GAP) / COLUMNS
    height = width * 1.414
    top = pdf.get_y() + 2
    for index, picture in enumerate(thumbnails):
        column = index % COLUMNS
        if column == 0 and index:
            top += height + GAP + 5
        if column == 0 and top + height + 5 > pdf.h - MARGIN:
            pdf.add_page()
            top = MARGIN
        x = MARGIN + column * (width + GAP)
        pdf.image(io.BytesIO(picture), x=x, y=top, w=width, h=height, keep_aspect_ratio=True)
        pdf.set_xy(x, top + height)
        pdf.set_font(LATIN, size=8)
        pdf.set_text_shaping(True, direction='ltr')
        pdf.cell(width, 5, str(index + 1), align='C')
    pdf.set_xy(MARGIN, top + (height + GAP + 5 if thumbnails else 0))
