"""Decompression bombs in imported PDFs: pages of impossible size and images of enormous declared size.

PDFium renders a page at a scale computed from its size, so a huge page still gives a bounded picture; but a
page of zero or absurd size or shape is no scan of a proof, and an image declared as, say, 30000 x 30000 pixels
(2.7 GB decoded, 2.6 MB compressed) costs PDFium seconds of CPU per render, on every preview and thumbnail.
So, before anything is rendered, every page's size and the declared size of every image it draws (image
XObjects with their soft masks, images inside form XObjects, inline images) are read from the file, without
decoding a pixel, and checked against the same megapixel limit as photos.
"""
import math
import re
from collections.abc import Iterator

from pypdf import PageObject, PdfReader
from pypdf.generic import DictionaryObject, IndirectObject, PdfObject, StreamObject

from portal.core.errors import InvalidInput
from portal.documents.limits import Limits

MAX_SIDE = 14_400  # pt (200 inches): the largest page the PDF format allows
MAX_ASPECT = 20  # a till receipt is about 1:10; a page longer than 1:20 is no proof
MAX_DEPTH = 10  # forms inside forms
INLINE_IMAGE = re.compile(rb'(?<![A-Za-z0-9])BI\s(.{0,4096}?)\sID[\s\x00]', re.DOTALL)
INLINE_SIDE = re.compile(rb'/(W|Width|H|Height)\s+(\d{1,12})\b')


def check_pages(reader: PdfReader, limits: Limits) -> None:
    """Refuse a page of impossible size or shape, or any image above the megapixel limit (per image, and all
    images of the document together above the limit times the pages limit)."""
    images: dict[object, int] = {}
    for page in reader.pages:
        _check_size(page)
        for key, pixels in _images(page, page.get_contents(), set(), 0):
            if pixels > limits.pixels:
                raise InvalidInput('documents.error.pdf_image_too_large', megapixels=f'{limits.megapixels:g}')
            images[key] = pixels
    if sum(images.values()) > limits.pixels * limits.pages:
        raise InvalidInput('documents.error.pdf_image_too_large', megapixels=f'{limits.megapixels:g}')


def _check_size(page: PageObject) -> None:
    unit = float(page.get('/UserUnit', 1) or 1)
    box = page.cropbox
    width, height = abs(float(box.width)) * unit, abs(float(box.height)) * unit
    if not (math.isfinite(width) and math.isfinite(height)) or min(width, height) < 1 or \
            max(width, height) > MAX_SIDE or max(width, height) > MAX_ASPECT * min(width, height):
        raise InvalidInput('documents.error.pdf_page_size')


def _images(holder: DictionaryObject, content: PdfObject | None, seen: set[object],
            depth: int) -> Iterator[tuple[object, int]]:
    """(key, declared pixels) of every image ``holder`` (a page or a form) draws, forms followed once."""
    if depth > MAX_DEPTH:
        raise InvalidInput('documents.error.pdf_invalid')
    resources = _resolved(holder.get('/Resources'))
    xobjects = _resolved(resources.get('/XObject')) if isinstance(resources, DictionaryObject) else None
    for name, reference in (xobjects or {}).items():
        key = reference.idnum if isinstance(reference, IndirectObject) else (id(holder), name)
        found = reference.get_object()
        if not isinstance(found, StreamObject) or key in seen:
            continue
        seen.add(key)
        if found.get('/Subtype') == '/Image':
            yield key, _pixels(found)
            mask = _resolved(found.get('/SMask'))
            if isinstance(mask, StreamObject):
                yield (key, 'mask'), _pixels(mask)
        elif found.get('/Subtype') == '/Form':
            yield from _images(found, found, seen, depth + 1)
    yield from _inline_images(holder, content)


def _inline_images(holder: DictionaryObject, content: PdfObject | None) -> Iterator[tuple[object, int]]:
    """Inline images (``BI ... ID``) found in the decoded content; their dictionaries are short."""
    data = content.get_object().get_data() if content is not None else b''
    for index, found in enumerate(INLINE_IMAGE.finditer(data)):
        sides = {name[:1]: int(value) for name, value in INLINE_SIDE.findall(found.group(1))}
        yield (id(holder), 'inline', index), sides.get(b'W', 0) * sides.get(b'H', 0)


def _pixels(image: StreamObject) -> int:
    return int(image.get('/Width', 0)) * int(image.get('/Height', 0))


def _resolved(value: PdfObject | None) -> PdfObject | None:
    return value.get_object() if value is not None else None
