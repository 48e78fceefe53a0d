"""The receipt (Eingangsbestätigung) as PDF: facts of the submission and a thumbnail of every page.

Written with fpdf2 in a Unicode TrueType font (``PORTAL_DOCUMENT_FONT``, DejaVu Sans by default) with
HarfBuzz text shaping, so names such as "Mehmet Yılmaz" or Arabic names render correctly. The text is
German, each line followed by the customer's language when that is not German (missing translations
fall back to German, and the repeat is then left out).
"""
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from portal.core.i18n import SOURCE, Translator
from portal.documents.kinds import kind_key

MARGIN = 18  # mm
COLUMNS = 4
GAP = 4  # mm between thumbnails
LABEL_WIDTH = 58  # mm


@dataclass(frozen=True)
class ReceiptFacts:
    """What the receipt states. ``submitted_at`` is aware UTC (shown in Europe/Berlin)."""

    number: int
    district: str
    customer_name: str
    customer_number: str
    submitted_at: datetime
    kind: str
    page_count: int
    sha256: str
    note: str
    language: str
    thumbnails: tuple[bytes, ...]


NOTO = Path('/usr/share/fonts/truetype/noto')
# DejaVu lacks Ethiopic and some Urdu letters (ے): Debian's fonts-noto-core fills those in.
FALLBACK_FONTS = {'ReceiptArabic': NOTO / 'NotoNaskhArabic-Regular.ttf',
                  'ReceiptEthiopic': NOTO / 'NotoSansEthiopic-Regular.ttf'}


def _add_fonts(pdf: FPDF, font: Path) -> None:
    pdf.add_font('Receipt', fname=str(font))
    fallbacks = [name for name, path in FALLBACK_FONTS.items() if path.exists()]
    for name in fallbacks:
        pdf.add_font(name, fname=str(FALLBACK_FONTS[name]))
    pdf.set_fallback_fonts(fallbacks)


def receipt_pdf(facts: ReceiptFacts, font: Path) -> bytes:
    """Build the receipt; raises FileNotFoundError when the configured font is missing."""
    german, other = Translator(SOURCE), Translator(facts.language)
    pdf = FPDF(format='A4', unit='mm')
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    _add_fonts(pdf, font)
    pdf.set_text_shaping(True)
    pdf.set_title(german('documents.receipt.title'))
    pdf.add_page()
    _heading(pdf, facts, german, other)
    for label, value in _rows(facts, german):
        _row(pdf, _both(label, german, other), value)
    _thumbnails(pdf, facts.thumbnails, _both('documents.receipt.thumbnails', german, other))
    pdf.set_font('Receipt', size=8)
    pdf.multi_cell(0, 4, _both('documents.receipt.footer', german, other), align='L', new_x=XPos.LMARGIN,
                   new_y=YPos.NEXT)
    return bytes(pdf.output())


def _both(key: str, german: Translator, other: Translator) -> str:
    first, second = german(key), other(key)
    return first if second == first else f'{first}\n{second}'


def _rows(facts: ReceiptFacts, german: Translator) -> list[tuple[str, str]]:
    rows = [
        ('documents.receipt.number', str(facts.number)),
        ('documents.receipt.customer', f'{facts.customer_name} ({facts.customer_number})'),
        ('documents.receipt.submitted_at', german.datetime(facts.submitted_at, 'medium')),
        ('documents.receipt.kind', german(kind_key(facts.kind))),
        ('documents.receipt.pages', str(facts.page_count)),
        ('documents.receipt.sha256', f'{facts.sha256[:32]}\n{facts.sha256[32:]}'),
    ]
    if facts.note:
        rows.append(('documents.receipt.note', facts.note))
    return rows


def _heading(pdf: FPDF, facts: ReceiptFacts, german: Translator, other: Translator) -> None:
    pdf.set_font('Receipt', size=10)
    pdf.cell(0, 6, facts.district, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font('Receipt', size=18)
    pdf.multi_cell(0, 9, _both('documents.receipt.title', german, other), align='L', new_x=XPos.LMARGIN,
                   new_y=YPos.NEXT)
    pdf.set_font('Receipt', size=10)
    pdf.multi_cell(0, 5, _both('documents.receipt.intro', german, other), align='L', new_x=XPos.LMARGIN,
                   new_y=YPos.NEXT)
    pdf.ln(4)


def _row(pdf: FPDF, label: str, value: str) -> None:
    top = pdf.get_y()
    pdf.set_font('Receipt', size=9)
    pdf.multi_cell(LABEL_WIDTH - 4, 5, label, align='L', new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    label_bottom = pdf.get_y()
    pdf.set_xy(MARGIN + LABEL_WIDTH, top)
    pdf.set_font('Receipt', size=11)
    pdf.multi_cell(0, 5, value, align='L', new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(max(pdf.get_y(), label_bottom) + 2)


def _thumbnails(pdf: FPDF, thumbnails: tuple[bytes, ...], label: str) -> None:
    """A grid of the pages, COLUMNS wide, continued on a new sheet when the sheet is full."""
    pdf.ln(2)
    pdf.set_font('Receipt', size=10)
    pdf.multi_cell(0, 5, label, align='L', new_x=XPos.LMARGIN, new_y=YPos.NEXT)
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
        pdf.set_font('Receipt', size=8)
        pdf.cell(width, 5, str(index + 1), align='C')
    pdf.set_xy(MARGIN, top + (height + GAP + 5 if thumbnails else 0))
