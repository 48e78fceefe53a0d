"""The submission PDF: every sheet rendered (flattened, enhanced, turned), scaled to fit A4, one file.

Photos become JPEG sheets of at most ``SHEET_LONG_SIDE`` px (150 dpi on A4); a dense sheet of text is then
about 250 KB (measured on a 12 MP photo of a dense sheet: document 244 KB, grey 212 KB, colour 233 KB). A sheet that is
strictly black and white (no grey at all) becomes a 1-bit PNG instead, smaller still.
Imported PDFs keep their own sheets (turned as asked). ``compose_document`` is module-level and pure:
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
from portal.documents.pdfinput import render_sheets
from portal.documents.render import THUMBNAIL_SIDE, decode_image, encode_jpeg, render, shrink, thumbnail

SHEET_LONG_SIDE = 1754  # px: 297 mm at 150 dpi, enough for 8-point print
COLOUR_QUALITY = 70
GREY_QUALITY = 66  # grey and black-and-white sheets: their edges hide JPEG artefacts better than colour
A4 = (img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297))
LAYOUT = img2pdf.get_layout_fun(pagesize=A4, fit=img2pdf.FitMode.into, auto_orient=True)


@dataclass(frozen=True)
class MaterialScan:
    """One scan of a draft as stored: the original bytes (read from ``file_name``) and how to render them."""

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
    scans: tuple[MaterialScan, ...]
    document_bytes: int


@dataclass(frozen=True)
class ComposedDocument:
    """The finished PDF with its hash, sheet count and a thumbnail (JPEG) of every sheet."""

    draft_id: int
    version: int
    pdf: bytes
    sha256: str
    sheet_count: int
    thumbnails: tuple[bytes, ...]


def compose_document(material: SubmissionMaterial) -> ComposedDocument:
    """Render every sheet and join them into one PDF; refuse a result above the document size limit."""
    parts: list[tuple[str, bytes]] = []
    thumbnails: list[bytes] = []
    for scan in material.scans:
        if scan.source == IMAGE:
            encoded, small = _image_sheet(scan)
            parts.append((IMAGE, encoded))
            thumbnails.append(small)
        else:
            parts.append(('pdf', _turned_pdf(scan.data, scan.quarter_turns)))
            thumbnails.extend(thumbnail(imaging.rotate(picture, scan.quarter_turns % 4))
                              for picture in render_sheets(scan.data, THUMBNAIL_SIDE))
    pdf = _assemble(parts)
    if len(pdf) > material.document_bytes:
        raise InvalidInput('documents.error.document_too_large', megabytes=megabytes(material.document_bytes))
    return ComposedDocument(material.draft_id, material.version, pdf, hashlib.sha256(pdf).hexdigest(),
                            len(thumbnails), tuple(thumbnails))


def encode_sheet(sheet: np.ndarray) -> bytes:
    """A rendered sheet as compact image bytes for the PDF: bilevel PNG, grey JPEG or colour JPEG."""
    grey = sheet if sheet.ndim == 2 else None
    if grey is None and _is_grey(sheet):
        grey = cv2.cvtColor(sheet, cv2.COLOR_BGR2GRAY)
    if grey is not None and _is_bilevel(grey):
        small = shrink(grey, SHEET_LONG_SIDE)
        _, bits = cv2.threshold(small, 127, 255, cv2.THRESH_BINARY)
        ok, buffer = cv2.imencode('.png', bits, [cv2.IMWRITE_PNG_BILEVEL, 1, cv2.IMWRITE_PNG_COMPRESSION, 9])
        if ok:
            return buffer.tobytes()
    if grey is not None:
        return encode_jpeg(shrink(grey, SHEET_LONG_SIDE), GREY_QUALITY)
    return encode_jpeg(shrink(sheet, SHEET_LONG_SIDE), COLOUR_QUALITY)


def _image_sheet(scan: MaterialScan) -> tuple[bytes, bytes]:
    image = decode_image(scan.data)
    if image is None:
        raise InvalidInput('documents.error.corrupt_image')
    rendered = render(image, scan.corners, scan.mode, scan.quarter_turns)
    return encode_sheet(rendered), thumbnail(rendered)


def _is_grey(sheet: np.ndarray) -> bool:
    if sheet.ndim != 3 or sheet.shape[2] < 3:
        return False
    blue, green, red = sheet[..., 0], sheet[..., 1], sheet[..., 2]
    return bool(np.array_equal(blue, green) and np.array_equal(green, red))


def _is_bilevel(grey: np.ndarray) -> bool:
    return cv2.countNonZero(cv2.inRange(grey, 1, 254)) == 0


def _turned_pdf(data: bytes, quarter_turns: int) -> bytes:
    if quarter_turns % 4 == 0:
        return data
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for sheet in writer.pages:
        sheet.rotate(90 * (quarter_turns % 4))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _assemble(parts: list[tuple[str, bytes]]) -> bytes:
    """One img2pdf file when all sheets are photos; otherwise runs of photos and PDFs merged with pypdf."""
    if all(source == IMAGE for source, _ in parts):
        return img2pdf.convert([data for _, data in parts], layout_fun=LAYOUT)
    writer = PdfWriter()
    for source, data in parts:
        single = img2pdf.convert([data], layout_fun=LAYOUT) if source == IMAGE else data
        writer.append(PdfReader(io.BytesIO(single)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
