"""The receipt (Eingangsbestätigung) as PDF: facts of the submission and a thumbnail of every sheet.

Written with fpdf2 and HarfBuzz text shaping. Every label and heading is German first, then the customer's
language when that is not German (a missing translation falls back to German, and the repeat is left out).
Each translation is a paragraph of its own in a Noto font for its script (Naskh for Arabic, Farsi and Urdu,
Ethiopic for Tigrinya) with its own direction: right-to-left text starts at the right edge and keeps its
punctuation and embedded Latin words in order. German is set in ``PORTAL_DOCUMENT_FONT`` (DejaVu Sans by
default); a name in another script is set in that script's font.
"""
import io
import unicodedata
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
LATIN = 'Receipt'
NOTO = Path('/usr/share/fonts/truetype/noto')  # Debian's fonts-noto-core
SCRIPT_FONTS = {'ReceiptArabic': NOTO / 'NotoNaskhArabic-Regular.ttf',
                'ReceiptEthiopic': NOTO / 'NotoSansEthiopic-Regular.ttf'}
SCRIPT_RANGES = (('ReceiptArabic', '\u0600', '\u06ff'), ('ReceiptArabic', '\u0750', '\u077f'),
                 ('ReceiptArabic', '\ufb50', '\ufeff'), ('ReceiptEthiopic', '\u1200', '\u139f'),
                 ('ReceiptEthiopic', '\u2d80', '\u2ddf'))


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


@dataclass(frozen=True)
class Text:
    """One paragraph: its words, the font for their script, and whether it runs right to left."""

    words: str
    font: str = LATIN
    rtl: bool = False


def receipt_pdf(facts: ReceiptFacts, font: Path) -> bytes:
    """Build the receipt; raises FileNotFoundError when the configured font is missing."""
    pdf = FPDF(format='A4', unit='mm')
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    fonts = _add_fonts(pdf, font)
    both = _Bilingual(Translator(facts.language), fonts)
    pdf.set_title(both.german('documents.receipt.title'))
    pdf.add_page()
    _write(pdf, [Text(facts.district)], size=10, height=6)
    _write(pdf, both('documents.receipt.title'), size=18, height=9)
    _write(pdf, both('documents.receipt.intro'), size=10, height=5)
    pdf.ln(4)
    for label, value in _rows(facts, both):
        _row(pdf, both(label), value)
    _thumbnails(pdf, facts.thumbnails, both('documents.receipt.thumbnails'))
    _write(pdf, both('documents.receipt.footer'), size=8, height=4)
    return bytes(pdf.output())


def _add_fonts(pdf: FPDF, font: Path) -> set[str]:
    """The configured font, the script fonts that are installed (also as fallbacks for single letters)."""
    pdf.add_font(LATIN, fname=str(font))
    found = {name for name, path in SCRIPT_FONTS.items() if path.exists()}
    for name in sorted(found):
        pdf.add_font(name, fname=str(SCRIPT_FONTS[name]))
    pdf.set_fallback_fonts([LATIN, *sorted(found)])  # Latin words inside a translation, Arabic inside a name
    return found | {LATIN}


def font_for(words: str, available: set[str]) -> str:
    """The font of the first letter in a script the Latin font does not serve well."""
    for letter in words:
        for name, low, high in SCRIPT_RANGES:
            if low <= letter <= high and name in available:
                return name
    return LATIN


class _Bilingual:
    """Texts by catalogue key: German, then the reader's language in its font and direction."""

    def __init__(self, other: Translator, fonts: set[str]) -> None:
        self.german = Translator(SOURCE)
        self.other = other
        self.fonts = fonts

    def __call__(self, key: str, **params: object) -> list[Text]:
        first, second = self.german(key, **params), self.other(key, **params)
        if second == first:
            return [Text(first)]
        return [Text(first), Text(second, font_for(second, self.fonts), self.other.direction == 'rtl')]

    def value(self, words: str) -> list[Text]:
        """A value as written (a name, a note): in the font of its script, in the direction of its first letter."""
        return [Text(words, font_for(words, self.fonts), _right_to_left(words))]


def _right_to_left(words: str) -> bool:
    """Whether the first letter with a direction runs right to left (Unicode bidi classes R and AL)."""
    for letter in words:
        kind = unicodedata.bidirectional(letter)
        if kind in ('L', 'R', 'AL'):
            return kind != 'L'
    return False


def _rows(facts: ReceiptFacts, both: _Bilingual) -> list[tuple[str, list[Text]]]:
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


def _write(pdf: FPDF, texts: list[Text], *, size: float, height: float, width: float = 0,
           flush_left: bool = False) -> None:
    """Paragraphs one below the other from the current position, each in its font and direction; right-to-left
    ones start at the right edge unless ``flush_left`` (values, which stand next to their label)."""
    left = pdf.get_x()
    for text in texts:
        pdf.set_x(left)
        pdf.set_font(text.font, size=size)
        pdf.set_text_shaping(True, direction='rtl' if text.rtl else 'ltr')
        pdf.multi_cell(width, height, text.words, align='R' if text.rtl and not flush_left else 'L',
                       new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_x(left)


def _row(pdf: FPDF, label: list[Text], value: list[Text]) -> None:
    top = pdf.get_y()
    pdf.set_x(MARGIN)
    _write(pdf, label, size=9, height=5, width=LABEL_WIDTH - 4)
    label_bottom = pdf.get_y()
    pdf.set_xy(MARGIN + LABEL_WIDTH, top)
    _write(pdf, value, size=11, height=5, flush_left=True)
    pdf.set_xy(MARGIN, max(pdf.get_y(), label_bottom) + 2)


def _thumbnails(pdf: FPDF, thumbnails: tuple[bytes, ...], label: list[Text]) -> None:
    """A grid of the sheets, COLUMNS wide, continued on a new sheet when one is full."""
    pdf.ln(2)
    _write(pdf, label, size=10, height=5)
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
