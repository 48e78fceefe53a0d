"""What a PDF really shows: the text each font draws, and the letters each embedded font has a glyph for."""
import io
import re
import unicodedata
from dataclasses import dataclass

from fontTools.ttLib import TTFont
from pypdf import PdfReader

BFCHAR = re.compile(r'beginbfchar(.*?)endbfchar', re.S)
PAIR = re.compile(r'<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>')


@dataclass(frozen=True)
class Drawn:
    """A run of text as drawn: its letters (NFKC), the font's name, where it starts (pt from the bottom left)."""

    text: str
    font: str
    x: float
    y: float


def drawn_text(pdf: bytes) -> list[Drawn]:
    pieces: list[Drawn] = []

    def visit(text: str, _cm: list, tm: list, font: dict | None, _size: float) -> None:
        if text.strip():
            name = str(font.get('/BaseFont', '')) if font else ''
            pieces.append(Drawn(unicodedata.normalize('NFKC', text), name, float(tm[4]), float(tm[5])))

    for sheet in PdfReader(io.BytesIO(pdf)).pages:
        sheet.extract_text(visitor_text=visit)
    return pieces


def letters_with_glyphs(pdf: bytes, font: str) -> set[str]:
    """Letters that the embedded font whose name contains ``font`` draws with a real outline: each glyph the PDF
    maps to a letter (its ToUnicode map) is looked up in the embedded font program, and empty outlines and the
    "missing glyph" box (.notdef) do not count."""
    letters: set[str] = set()
    for sheet in PdfReader(io.BytesIO(pdf)).pages:
        for ref in sheet['/Resources']['/Font'].values():
            entry = ref.get_object()
            if font in str(entry['/BaseFont']):
                letters |= _outlined(entry)
    return letters


def _outlined(entry: dict) -> set[str]:
    descendant = entry['/DescendantFonts'][0].get_object()
    descriptor = descendant['/FontDescriptor'].get_object()
    program = TTFont(io.BytesIO(descriptor['/FontFile2'].get_object().get_data()))
    order, outlines = program.getGlyphOrder(), program['glyf']
    gids = _cid_to_gid(descendant)
    letters = set()
    for block in BFCHAR.findall(entry['/ToUnicode'].get_object().get_data().decode('latin-1')):
        for cid, text in PAIR.findall(block):
            index = gids(int(cid, 16))
            if 0 < index < len(order) and outlines[order[index]].numberOfContours != 0:
                letters |= set(bytes.fromhex(text).decode('utf-16-be'))
    return letters


def _cid_to_gid(descendant: dict):
    """The glyph in the font program for a character id: the CIDToGIDMap stream (two bytes a CID), or identity."""
    mapping = descendant.get('/CIDToGIDMap')
    if mapping is None or str(mapping) == '/Identity':
        return lambda cid: cid
    table = mapping.get_object().get_data()
    return lambda cid: int.from_bytes(table[2 * cid:2 * cid + 2], 'big') if 2 * cid + 2 <= len(table) else 0
