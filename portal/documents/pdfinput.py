"""Imported PDFs: parse with pypdf, refuse what is not a readable PDF, keep only the sheets.

The stored copy is rewritten sheet by sheet without annotations (links, form actions, scripts) and
without the document catalogue's scripts, attachments and open actions, so what staff open later is only
sheet content. The first sheet is rendered with PDFium for the preview; every sheet for the receipt and, one
at a time, for the editor.
"""
import io
import logging
import math
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
from pypdf import PdfReader, PdfWriter
from pypdf.errors import DependencyError, DeprecationError, LimitReachedError, PyPdfError

from portal import imaging
from portal.core.errors import InvalidInput
from portal.documents.limits import Limits
from portal.documents.pdfchecks import check_sheets, decoding_bounds
from portal.documents.render import PREVIEW_SIDE, THUMBNAIL_SIDE, encode_jpeg

# The parser reports damage it works around through logging; a refused file needs no log line.
logging.getLogger('pypdf').setLevel(logging.ERROR)
PAGE_KEYS_DROPPED = ('/Annots', '/AA')
MAX_RENDER_SIDE = PREVIEW_SIDE  # px: the largest picture of a sheet anyone asks for, whatever the sheet's size


@dataclass(frozen=True)
class ImportedPdf:
    data: bytes
    sheets: int
    width: int
    height: int
    preview: bytes


def read_pdf(data: bytes, limits: Limits) -> ImportedPdf:
    """Validate and rewrite an uploaded PDF; refuse fake, encrypted or too long ones with a catalogue key."""
    try:
        with decoding_bounds():  # everything pypdf decodes here, not only what the checks look at
            count, rewritten = _checked_copy(data, limits)
    except InvalidInput:
        raise
    except LimitReachedError as problem:
        raise InvalidInput('documents.error.pdf_too_complex') from problem
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError,
            NotImplementedError, DeprecationError, DependencyError) as problem:  # damage fails a parser many ways
        raise InvalidInput('documents.error.pdf_invalid') from problem
    if count == 0:
        raise InvalidInput('documents.error.pdf_invalid')
    if len(rewritten) > limits.document_bytes:
        raise InvalidInput('documents.error.document_too_large', megabytes=f'{limits.document_bytes / 1e6:g}')
    first = render_sheet(rewritten, 0, PREVIEW_SIDE)
    if first is None:  # pypdf saw sheets that PDFium does not
        raise InvalidInput('documents.error.pdf_invalid')
    return ImportedPdf(rewritten, count, first.shape[1], first.shape[0], encode_jpeg(first))


def _checked_copy(data: bytes, limits: Limits) -> tuple[int, bytes]:
    """The number of sheets and the rewritten file, after the checks (before anything is rendered)."""
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted and not reader.decrypt(''):
        raise InvalidInput('documents.error.pdf_encrypted')
    count = len(reader.pages)
    if count > limits.sheets:
        raise InvalidInput('documents.error.too_many_sheets', maximum=limits.sheets)
    check_sheets(reader, limits)  # decompression bombs
    return count, _rewrite(reader)


def _rewrite(reader: PdfReader) -> bytes:
    writer = PdfWriter()
    for sheet in reader.pages:
        for key in PAGE_KEYS_DROPPED:
            if key in sheet:
                del sheet[key]
        writer.add_page(sheet)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render_sheets(data: bytes, long_side: int) -> list[np.ndarray]:
    """BGR pictures of all sheets, the longer side ``long_side`` px."""
    document = _open(data)
    try:
        return [_render(document, index, long_side) for index in range(len(document))]
    finally:
        document.close()


def render_sheet(data: bytes, index: int, long_side: int) -> np.ndarray | None:
    """BGR picture of sheet ``index`` (0-based) only, the longer side ``long_side`` px; None when there is none."""
    document = _open(data)
    try:
        return _render(document, index, long_side) if 0 <= index < len(document) else None
    finally:
        document.close()


def sheet_preview(data: bytes, index: int, quarter_turns: int) -> bytes:
    """Sheet ``index`` (0-based) of a stored PDF as the editor shows it: JPEG, turned (in a worker process)."""
    picture = render_sheet(data, index, PREVIEW_SIDE)
    if picture is None:
        raise InvalidInput('documents.error.pdf_invalid')
    return encode_jpeg(imaging.rotate(picture, quarter_turns % 4))


def sheet_thumbnail(data: bytes, index: int) -> bytes | None:
    """Sheet ``index`` (0-based) of a stored PDF as a small JPEG; None when there is no such sheet (in a worker).
    Only that sheet is rendered: a receipt on screen asks for each in turn."""
    picture = render_sheet(data, index, THUMBNAIL_SIDE)
    return None if picture is None else encode_jpeg(picture, 70)


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as problem:
        raise InvalidInput('documents.error.pdf_invalid') from problem


def _render(document: pdfium.PdfDocument, index: int, long_side: int) -> np.ndarray:
    sheet = document[index]
    try:
        width, height = sheet.get_size()
        bitmap = sheet.render(scale=render_scale(width, height, long_side))
        return np.ascontiguousarray(bitmap.to_numpy()[..., :3])
    finally:
        sheet.close()


def render_scale(width: float, height: float, long_side: int) -> float:
    """Pixels per point that make the bitmap's longer side ``long_side`` px, never more than ``MAX_RENDER_SIDE``.

    pypdfium2 sizes the bitmap as ``ceil(side * scale)`` from the sheet size PDFium reports (which ignores
    ``/UserUnit``), so aiming half a pixel short keeps rounding from ever adding one, whatever the sheet size.
    """
    longest = max(width, height)
    if not (math.isfinite(longest) and min(width, height) > 0):
        raise InvalidInput('documents.error.pdf_sheet_size')
    return (min(long_side, MAX_RENDER_SIDE) - 0.5) / longest
