"""Decompression bombs in imported PDFs: sheets of impossible size, images of enormous size, streams that inflate
to gigabytes.

PDFium renders a sheet at a scale computed from its size, so a huge sheet still gives a bounded picture; but a
sheet of zero or absurd size or shape is no scan of a proof, and an image of, say, 30000 x 30000 pixels (2.7 GB
decoded, a few kB compressed) costs PDFium seconds of CPU and up to a gigabyte of memory per render, on every
preview and thumbnail. So, before anything is rendered, every sheet's size is checked, and ``pdfimages`` walks all
that a sheet can draw (forms, patterns, Type 3 glyphs, soft masks, inline images; JPEG and JPEG 2000 headers are
read, not decoded) and counts each image's pixels against the same megapixel limit as photos.

PDFium decodes every stream but image data whole (content, fonts, colour profiles, functions, shadings). The walk
decodes them too, once, with pypdf held to ``MAX_STREAM_BYTES`` per stream (``decoding_bounds``), so a few
kilobytes that would inflate to gigabytes are refused as too complex instead. Refusals are ``InvalidInput``;
``pdfinput.read_pdf`` (bytes in, plain values out) is the function a worker process runs.
"""
import math
from contextlib import AbstractContextManager

from pypdf import Configuration, PageObject, PdfReader, apply_configuration
from pypdf.errors import DependencyError, DeprecationError, LimitReachedError

from portal.core.errors import InvalidInput
from portal.documents.limits import Limits
from portal.documents.pdfimages import MAX_STREAM_BYTES, TOO_COMPLEX, Walk, walk_page

MAX_SIDE = 14_400  # pt (200 inches): the largest sheet the PDF format allows
MAX_ASPECT = 20  # a till receipt is about 1:10; a sheet longer than 1:20 is no proof
DECODING_BOUNDS = {  # what pypdf may inflate one stream to while we look (its defaults are 75 MB each)
    'zlib_maximum_output_length': MAX_STREAM_BYTES,
    'lzw_maximum_output_length': MAX_STREAM_BYTES,
    'run_length_maximum_output_length': MAX_STREAM_BYTES,
    'brotli_maximum_output_length': MAX_STREAM_BYTES,
    'array_based_stream_maximum_output_length': MAX_STREAM_BYTES,
    'jbig2dec_binary': None,  # never start an outside decoder for a stream an uploader wrote
}


def check_sheets(reader: PdfReader, limits: Limits) -> None:
    """Refuse a sheet of impossible size or shape, any image above the megapixel limit (per image, and all images
    of the document together above the limit times the sheets limit), and content too large to parse safely."""
    walk = Walk(limits)
    try:
        with decoding_bounds():
            for sheet in reader.pages:
                _check_size(sheet)
                walk_page(sheet, walk)
    except LimitReachedError as problem:
        raise InvalidInput(TOO_COMPLEX) from problem
    except (NotImplementedError, DeprecationError, DependencyError) as problem:  # filters pypdf cannot decode
        raise InvalidInput('documents.error.pdf_invalid') from problem


def decoding_bounds() -> AbstractContextManager[Configuration]:
    """pypdf held to ``MAX_STREAM_BYTES`` for every stream it decodes, and never starting an outside decoder."""
    return apply_configuration(None, **DECODING_BOUNDS)  # None: on top of the current configuration


def _check_size(sheet: PageObject) -> None:
    unit = float(sheet.get('/UserUnit', 1) or 1)
    box = sheet.cropbox
    width, height = abs(float(box.width)) * unit, abs(float(box.height)) * unit
    if not (math.isfinite(width) and math.isfinite(height)) or min(width, height) < 1 or \
            max(width, height) > MAX_SIDE or max(width, height) > MAX_ASPECT * min(width, height):
        raise InvalidInput('documents.error.pdf_sheet_size')
