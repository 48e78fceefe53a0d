"""The submission PDF: every page rendered (flattened, enhanced, turned), scaled to fit A4, one file.

Photos become JPEG pages of at most ``PAGE_LONG_SIDE`` px (150 dpi on A4); a dense page of text is then
about 250 KB (measured on a 12 MP photo of a dense page: document 244 KB, grey 212 KB, colour 233 KB). A page that is
strictly black and white (no grey at all) becomes a 1-bit PNG instead, smaller still.
Imported PDFs keep their own pages (turned as asked). ``compose_document`` is module-level and pure:
``Documents.send`` runs it in a worker process.
"""
import hashlib
import io
from dataclasses import dataclass

import cv2
import img2pdf
import numpy as np
from pypdf import PdfReader, PdfWriter

from portal import imaging
from portal.core.errors import InvalidInput
from portal.documents.kinds import IMAGE
from portal.documents.limits import megabytes
from portal.documents.pdfinput import render_pdf_pages
from portal.documents.render import THUMBNAIL_SIDE, decode_image, encode_jpeg, render, shrink, thumbnail

PAGE_LONG_SIDE = 1754  # px: 297 mm at 150 dpi, enough for 8-point print
COLOUR_QUALITY = 70
GREY_QUALITY = 66  # grey and black-and-white pages: their edges hide JPEG artefacts better than colour
A4 = (img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297))
LAYOUT = img2pdf.get_layout_fun(pagesize=A4, fit=img2pdf.FitMode.into, auto_orient=True)


@dataclass(frozen=True)
class MaterialPage:
    """One page of a draft as stored: the original bytes (read from ``file_name``) and how to render them."""

    source: str
    data: bytes
    corners: list[list[float]] | None
    mode: str
    quarter_turns: int
    file_name: str = ''


@dataclass(frozen=True)
class SubmissionMaterial:
    """Everything ``compose_document`` needs; ``version`` is the draft's, checked again on submit."""

    draft_id: int
    version: int
    pages: tuple[MaterialPage, ...]
    document_bytes: int


@dataclass(frozen=True)
class ComposedDocument:
    """The finished PDF with its hash, page count and a thumbnail (JPEG) of every page."""

    draft_id: int
    version: int
    pdf: bytes
    sha256: str
    page_count: int
    thumbnails: tuple[bytes, ...]


def compose_document(material: SubmissionMaterial) -> ComposedDocument:
    """Render every page and join them into one PDF; refuse a result above the document size limit."""
    parts: list[tuple[str, bytes]] = []
    thumbnails: list[bytes] = []
    for page in material.pages:
        if page.source == IMAGE:
            encoded, small = _image_page(page)
            parts.append((IMAGE, encoded))
            thumbnails.append(small)
        else:
            parts.append(('pdf', _turned_pdf(page.data, page.quarter_turns)))
            thumbnails.extend(thumbnail(imaging.rotate(picture, page.quarter_turns % 4))
                              for picture in render_pdf_pages(page.data, THUMBNAIL_SIDE))
    pdf = _assemble(parts)
    if len(pdf) > material.document_bytes:
        raise InvalidInput('documents.error.document_too_large', megabytes=megabytes(material.document_bytes))
    return ComposedDocument(material.draft_id, material.version, pdf, hashlib.sha256(pdf).hexdigest(),
                            len(thumbnails), tuple(thumbnails))


def encode_page(page: np.ndarray) -> bytes:
    """A rendered page as compact image bytes for the PDF: bilevel PNG, grey JPEG or colour JPEG."""
    grey = page if page.ndim == 2 else None
    if grey is None and _is_grey(page):
        grey = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    if grey is not None and _is_bilevel(grey):
        small = shrink(grey, PAGE_LONG_SIDE)
        _, bits = cv2.threshold(small, 127, 255, cv2.THRESH_BINARY)
        ok, buffer = cv2.imencode('.png', bits, [cv2.IMWRITE_PNG_BILEVEL, 1, cv2.IMWRITE_PNG_COMPRESSION, 9])
        if ok:
            return buffer.tobytes()
    if grey is not None:
        return encode_jpeg(shrink(grey, PAGE_LONG_SIDE), GREY_QUALITY)
    return encode_jpeg(shrink(page, PAGE_LONG_SIDE), COLOUR_QUALITY)


def _image_page(page: MaterialPage) -> tuple[bytes, bytes]:
    image = decode_image(page.data)
    if image is None:
        raise InvalidInput('documents.error.corrupt_image')
    rendered = render(image, page.corners, page.mode, page.quarter_turns)
    return encode_page(rendered), thumbnail(rendered)


def _is_grey(page: np.ndarray) -> bool:
    if page.ndim != 3 or page.shape[2] < 3:
        return False
    blue, green, red = page[..., 0], page[..., 1], page[..., 2]
    return bool(np.array_equal(blue, green) and np.array_equal(green, red))


def _is_bilevel(grey: np.ndarray) -> bool:
    return cv2.countNonZero(cv2.inRange(grey, 1, 254)) == 0


def _turned_pdf(data: bytes, quarter_turns: int) -> bytes:
    if quarter_turns % 4 == 0:
        return data
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        page.rotate(90 * (quarter_turns % 4))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _assemble(parts: list[tuple[str, bytes]]) -> bytes:
    """One img2pdf file when all pages are photos; otherwise runs of photos and PDFs merged with pypdf."""
    if all(source == IMAGE for source, _ in parts):
        return img2pdf.convert([data for _, data in parts], layout_fun=LAYOUT)
    writer = PdfWriter()
    for source, data in parts:
        single = img2pdf.convert([data], layout_fun=LAYOUT) if source == IMAGE else data
        writer.append(PdfReader(io.BytesIO(single)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
