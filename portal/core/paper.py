"""Printed papers in two languages (receipts, chat transcripts): A4 pages written with fpdf2 and HarfBuzz shaping.

Every label and heading is German first, then the reader's language when that is not German (a missing translation
falls back to German, and the repeat is left out). Each translation is a paragraph of its own in a Noto font for its
script (Naskh for Arabic, Farsi and Urdu, Ethiopic for Tigrinya) with its own direction: right-to-left text starts
at the right edge and keeps its punctuation and embedded Latin words in order. German is set in the configured font
(``PORTAL_DOCUMENT_FONT``, DejaVu Sans by default); a value in another script (a name, a message) is set in that
script's font, in the direction of its first letter.
"""
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from portal.core.i18n import SOURCE, Translator

MARGIN = 18  # mm
LABEL_WIDTH = 58  # mm
LATIN = 'PaperLatin'
NOTO = Path('/usr/share/fonts/truetype/noto')  # Debian's fonts-noto-core
SCRIPT_FONTS = {'PaperArabic': NOTO / 'NotoNaskhArabic-Regular.ttf',
                'PaperEthiopic': NOTO / 'NotoSansEthiopic-Regular.ttf'}
SCRIPT_RANGES = (('PaperArabic', '\u0600', '\u06ff'), ('PaperArabic', '\u0750', '\u077f'),
                 ('PaperArabic', '\ufb50', '\ufeff'), ('PaperEthiopic', '\u1200', '\u139f'),
                 ('PaperEthiopic', '\u2d80', '\u2ddf'))


@dataclass(frozen=True)
class Text:
    """One paragraph: its words, the font for their script, and whether it runs right to left."""

    words: str
    font: str = LATIN
    rtl: bool = False


def new_paper(font: Path, title: str) -> tuple[FPDF, set[str]]:
    """An A4 document with margins, page breaks and the fonts (``FileNotFoundError`` when ``font`` is missing);
    returns it with the names of the fonts it has."""
    pdf = FPDF(format='A4', unit='mm')
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    fonts = add_fonts(pdf, font)
    pdf.set_title(title)
    pdf.add_page()
    return pdf, fonts


def add_fonts(pdf: FPDF, font: Path) -> set[str]:
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


class Bilingual:
    """Texts by catalogue key: German, then the reader's language in its font and direction."""

    def __init__(self, language: str, fonts: set[str]) -> None:
        self.german = Translator(SOURCE)
        self.other = Translator(language)
        self.fonts = fonts

    def __call__(self, key: str, **params: object) -> list[Text]:
        first, second = self.german(key, **params), self.other(key, **params)
        if second == first:
            return [Text(first)]
        return [Text(first), Text(second, font_for(second, self.fonts), self.other.direction == 'rtl')]

    def value(self, words: str) -> list[Text]:
        """A value as written (a name, a note): in the font of its script, in the direction of its first letter."""
        return [Text(words, font_for(words, self.fonts), right_to_left(words))]


def right_to_left(words: str) -> bool:
    """Whether the first letter with a direction runs right to left (Unicode bidi classes R and AL)."""
    for letter in words:
        kind = unicodedata.bidirectional(letter)
        if kind in ('L', 'R', 'AL'):
            return kind != 'L'
    return False


def write(pdf: FPDF, texts: list[Text], *, size: float, height: float, width: float = 0,
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


def row(pdf: FPDF, label: list[Text], value: list[Text]) -> None:
    """A label (German and translated) at the left margin, its value beside it."""
    top = pdf.get_y()
    pdf.set_x(MARGIN)
    write(pdf, label, size=9, height=5, width=LABEL_WIDTH - 4)
    label_bottom = pdf.get_y()
    pdf.set_xy(MARGIN + LABEL_WIDTH, top)
    write(pdf, value, size=11, height=5, flush_left=True)
    pdf.set_xy(MARGIN, max(pdf.get_y(), label_bottom) + 2)


@dataclass(frozen=True)
class Letterhead:
    """What every paper of the district carries: its name, and the font for German text."""

    district: str
    font: Path
