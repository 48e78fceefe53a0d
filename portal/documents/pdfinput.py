"""Imported PDFs: parse with pypdf, refuse what is not a readable PDF, keep only the pages.

The stored copy is rewritten page by page without annotations (links, form actions, scripts) and
without the document catalogue's scripts, attachments and open actions, so what staff open later is only
page content. The first page is rendered with PDFium for the preview; every page for the receipt and, one
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
from portal.documents.pdfchecks import check_pages, decoding_bounds
from portal.documents.render import PREVIEW_SIDE, THUMBNAIL_SIDE, encode_jpeg

# The parser reports damage it works around through logging; a refused file needs no log line.
logging.getLogger('pypdf').setLevel(logging.ERROR)
PAGE_KEYS_DROPPED = ('/Annots', '/AA')
MAX_RENDER_SIDE = PREVIEW_SIDE  # px: the largest picture of a page anyone asks for, whatever the page's size


@dataclass(frozen=True)
class ImportedPdf:
    data: bytes
    pages: int
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
    first = render_pdf_page(rewritten, 0, PREVIEW_SIDE)
    if first is None:  # pypdf saw pages that PDFium does not
        raise InvalidInput('documents.error.pdf_invalid')
    return ImportedPdf(rewritten, count, first.shape[1], first.shape[0], encode_jpeg(first))


def _checked_copy(data: bytes, limits: Limits) -> tuple[int, bytes]:
    """The number of pages and the rewritten file, after the checks (before anything is rendered)."""
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted and not reader.decrypt(''):
        raise InvalidInput('documents.error.pdf_encrypted')
    count = len(reader.pages)
    if count > limits.pages:
        raise InvalidInput('documents.error.too_many_pages', maximum=limits.pages)
    check_pages(reader, limits)  # decompression bombs
    return count, _rewrite(reader)


def _rewrite(reader: PdfReader) -> bytes:
    writer = PdfWriter()
    for page in reader.pages:
        for key in PAGE_KEYS_DROPPED:
            if key in page:
                del page[key]
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render_pdf_pages(data: bytes, long_side: int) -> list[np.ndarray]:
    """BGR pictures of all pages, the longer side ``long_side`` px."""
    document = _open(data)
    try:
        return [_render(document, index, long_side) for index in range(len(document))]
    finally:
        document.close()


def render_pdf_page(data: bytes, index: int, long_side: int) -> np.ndarray | None:
    """BGR picture of page ``index`` (0-based) only, the longer side ``long_side`` px; None when there is none."""
    document = _open(data)
    try:
        return _render(document, index, long_side) if 0 <= index < len(document) else None
    finally:
        document.close()


def pdf_page_preview(data: bytes, index: int, quarter_turns: int) -> bytes:
    """Page ``index`` (0-based) of a stored PDF as the editor shows it: JPEG, turned (in a worker process)."""
    picture = render_pdf_page(data, index, PREVIEW_SIDE)
    if picture is None:
        raise InvalidInput('documents.error.pdf_invalid')
    return encode_jpeg(imaging.rotate(picture, quarter_turns % 4))


def pdf_page_thumbnail(data: bytes, index: int) -> bytes | None:
    """Page ``index`` (0-based) of a stored PDF as a small JPEG; None when there is no such page (in a worker).
    Only that page is rendered: a receipt on screen asks for each in turn."""
    picture = render_pdf_page(data, index, THUMBNAIL_SIDE)
    return None if picture is None else encode_jpeg(picture, 70)


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as problem:
        raise InvalidInput('documents.error.pdf_invalid') from problem


def _render(document: pdfium.PdfDocument, index: int, long_side: int) -> np.ndarray:
    page = document[index]
    try:
        bitmap = page.render(scale=render_scale(*page.get_size(), long_side))
        return np.ascontiguousarray(bitmap.to_numpy()[..., :3])
    finally:
        page.close()


def render_scale(width: float, height: float, long_side: int) -> float:
    """Pixels per point that make the bitmap's longer side ``long_side`` px, never more than ``MAX_RENDER_SIDE``.

    pypdfium2 sizes the bitmap as ``ceil(side * scale)`` from the page size PDFium reports (which ignores
    ``/UserUnit``), so aiming half a pixel short keeps rounding from ever adding one, whatever the page size.
    """
    longest = max(width, height)
    if not (math.isfinite(longest) and min(width, height) > 0):
        raise InvalidInput('documents.error.pdf_page_size')
    return (min(long_side, MAX_RENDER_SIDE) - 0.5) / longest
