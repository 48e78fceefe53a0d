"""What drawing a PDF sheet costs PDFium, read without drawing: the pixels of every image, the bytes of every stream.

A sheet draws images from its content (image XObjects, inline images) and from everything its resources lead to:
form XObjects (nested), tiling patterns, the glyphs of Type 3 fonts (their CharProcs and resources), the soft-mask
groups of graphics states (and the fonts they set). All are walked, each object once per document and at most
``MAX_DEPTH`` deep; every content stream met is decoded and searched for inline images. An image's size is the
larger of what its dictionary declares (``/DecodeParms`` columns and rows included) and what its JPEG or JPEG 2000
header says, because the decoder goes by the header; the two must agree.

PDFium decodes image data line by line, as far as the declared size needs, but every other stream it uses in full:
content, fonts, colour profiles, functions, shadings. So every stream reachable from a sheet's resources, except
image data, is decoded here once (pypdf is held to ``MAX_STREAM_BYTES`` while it does, see ``check_sheets``) and
counted against ``MAX_DECODED_BYTES`` for the document; a content stream may be at most ``MAX_CONTENT_BYTES``.
"""
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from pypdf import PageObject
from pypdf.filters import LZWDecode, RunLengthDecode
from pypdf.generic import ArrayObject, DictionaryObject, StreamObject

from portal.core.errors import InvalidInput
from portal.documents.headers import jpeg_size, jpx_size
from portal.documents.limits import Limits
from portal.documents.pdfinline import HUGE, InlineImage, inline_images

MAX_DEPTH = 10  # drawings inside drawings (forms, patterns, glyphs, soft masks)
MAX_CONTENT_BYTES = 8_000_000  # one decoded content stream: PDFium makes it ~600k objects, 200 MB, 1.6 s
MAX_STREAM_BYTES = 32_000_000  # any other stream decoded whole (an unsubsetted CJK font can take 16 MB)
MAX_DECODED_BYTES = 64_000_000  # all streams of a document decoded whole, together
MAX_INLINE_BYTES = 2_000_000  # inline image dictionaries of a document together
MIN_INLINE_COST = 100  # bytes each inline image costs at least, so that a million empty ones are refused too
CODECS = {'/DCTDecode': jpeg_size, '/JPXDecode': jpx_size}
SHRINKING = {'/ASCIIHexDecode', '/ASCII85Decode'}  # PDFium decodes these in full before a codec: never larger
FILTERS = {'/AHx': '/ASCIIHexDecode', '/A85': '/ASCII85Decode', '/LZW': '/LZWDecode', '/Fl': '/FlateDecode',
           '/RL': '/RunLengthDecode', '/CCF': '/CCITTFaxDecode', '/DCT': '/DCTDecode'}
TOO_COMPLEX = 'documents.error.pdf_too_complex'


@dataclass
class Walk:
    """One document's walk: its limits, what was seen and counted, and the parsing work it may still spend."""

    limits: Limits
    seen: set[object] = field(default_factory=set)  # drawings, resources, fonts, images walked
    crawled: set[object] = field(default_factory=set)  # objects looked through for streams
    decoded: set[object] = field(default_factory=set)  # streams decoded and counted
    counted: dict[object, int] = field(default_factory=dict)
    total: int = 0
    decoded_left: int = MAX_DECODED_BYTES
    inline_left: int = MAX_INLINE_BYTES

    def first_visit(self, thing: object, seen: set[object] | None = None) -> bool:
        seen = self.seen if seen is None else seen
        key = _key(thing)
        if key in seen:
            return False
        seen.add(key)
        return True

    def decode(self, stream: StreamObject) -> bytes:
        """The stream's decoded bytes (pypdf keeps them), counted against the document's budget once."""
        data = stream.get_data()
        if self.first_visit(stream, self.decoded):
            self.spend(len(data))
        return data

    def count(self, key: object, declared: tuple[int, int], headers: list[tuple[int, int]]) -> None:
        """Refuse an image above the limit (per image, and all of the document together), then one whose header
        disagrees with its dictionary."""
        pixels = max(width * height for width, height in [declared, *headers])
        if key not in self.counted:
            self.total += pixels
        self.counted[key] = pixels
        if pixels > self.limits.pixels or self.total > self.limits.pixels * self.limits.sheets:
            raise InvalidInput('documents.error.pdf_image_too_large', megapixels=f'{self.limits.megapixels:g}')
        if any(header != declared for header in headers):
            raise InvalidInput('documents.error.pdf_invalid')

    def spend(self, size: int) -> None:
        self.decoded_left -= size
        if self.decoded_left < 0:
            raise InvalidInput(TOO_COMPLEX)

    def spend_inline(self, size: int) -> None:
        self.inline_left -= max(size, MIN_INLINE_COST)
        if self.inline_left < 0:
            raise InvalidInput(TOO_COMPLEX)


def walk_page(sheet: PageObject, walk: Walk) -> None:
    """Count every image ``sheet`` can draw and every stream it makes PDFium decode whole into ``walk``; raises
    ``InvalidInput`` at the first image or stream refused."""
    contents = sheet.get_contents()  # the sheet's streams joined, as PDFium reads them
    if contents is not None:
        walk.spend(len(contents.get_data()))
        _content(('sheet', _key(sheet)), contents.get_data(), walk)
    _resources(sheet.get('/Resources'), walk, 0)
    _crawl([sheet.get('/Resources'), sheet.get('/Group')], walk)


def _crawl(stack: list[object], walk: Walk) -> None:
    """Decode, once, every stream reachable from ``stack`` except image data (fonts, colour profiles, functions,
    shadings, content): PDFium decodes each of them whole when it draws."""
    while stack:
        thing = _resolved(stack.pop())
        if not isinstance(thing, ArrayObject | DictionaryObject) or not walk.first_visit(thing, walk.crawled):
            continue
        if isinstance(thing, StreamObject) and _resolved(thing.get('/Subtype')) != '/Image':
            walk.decode(thing)
        stack.extend(thing if isinstance(thing, ArrayObject) else thing.values())


def _resources(resources: object, walk: Walk, depth: int) -> None:
    resources = _resolved(resources)
    if not isinstance(resources, DictionaryObject) or not walk.first_visit(resources):
        return
    if depth > MAX_DEPTH:
        raise InvalidInput('documents.error.pdf_invalid')
    for xobject in _members(resources, '/XObject'):
        _xobject(xobject, walk, depth)
    for pattern in _members(resources, '/Pattern'):
        _drawing(pattern, walk, depth)  # a tiling pattern draws like a form; a shading pattern is no stream
    for font in _members(resources, '/Font'):
        _font(font, walk, depth)
    for state in _members(resources, '/ExtGState'):
        _graphics_state(state, walk, depth)


def _xobject(xobject: object, walk: Walk, depth: int) -> None:
    if isinstance(xobject, StreamObject):
        kind = _resolved(xobject.get('/Subtype'))
        if kind == '/Image':
            _image(xobject, walk)
        elif kind == '/Form':
            _drawing(xobject, walk, depth)


def _drawing(drawing: object, walk: Walk, depth: int) -> None:
    """A form XObject, tiling pattern or soft-mask group: its content, then what its resources reach."""
    if isinstance(drawing, StreamObject) and walk.first_visit(drawing):
        _content(_key(drawing), walk.decode(drawing), walk)
        _resources(drawing.get('/Resources'), walk, depth + 1)


def _font(font: object, walk: Walk, depth: int) -> None:
    """A Type 3 font draws each glyph with a content stream of its own, using the font's resources."""
    if not isinstance(font, DictionaryObject) or _resolved(font.get('/Subtype')) != '/Type3' or \
            not walk.first_visit(font):
        return
    for glyph in _members(font, '/CharProcs'):
        if isinstance(glyph, StreamObject) and walk.first_visit(glyph):
            _content(_key(glyph), walk.decode(glyph), walk)
    _resources(font.get('/Resources'), walk, depth + 1)


def _graphics_state(state: object, walk: Walk, depth: int) -> None:
    """An ExtGState may paint a soft-mask group (``/SMask /G``) and set a font (``/Font [font size]``)."""
    if not isinstance(state, DictionaryObject) or not walk.first_visit(state):
        return
    mask = _resolved(state.get('/SMask'))
    if isinstance(mask, DictionaryObject):
        _drawing(_resolved(mask.get('/G')), walk, depth)
    font = _resolved(state.get('/Font'))
    if isinstance(font, ArrayObject) and font:
        _font(_resolved(font[0]), walk, depth)


def _image(image: StreamObject, walk: Walk) -> None:
    """An image XObject and its masks (``/SMask``, and ``/Mask`` when it is an image too)."""
    if not walk.first_visit(image):
        return
    entries = {key: [_resolved(image[key])] for key in ('/Width', '/Height', '/Filter', '/DecodeParms')
               if key in image}
    walk.count(_key(image), _declared_size(entries), _headers(entries, image.get_data))
    for mask in map(_resolved, (image.get('/SMask'), image.get('/Mask'))):
        if isinstance(mask, StreamObject):
            _image(mask, walk)


def _content(key: object, content: bytes, walk: Walk) -> None:
    if len(content) > MAX_CONTENT_BYTES:
        raise InvalidInput(TOO_COMPLEX)
    for index, image in enumerate(inline_images(content)):
        walk.spend_inline(image.data - image.start)
        _inline_image((key, index), content, image, walk)


def _inline_image(key: object, content: bytes, image: InlineImage, walk: Walk) -> None:
    data = memoryview(content)[image.data:]
    for chain in _chains(image.entries):
        if chain and chain[0] in ('/FlateDecode', '/LZWDecode', '/RunLengthDecode'):
            _check_inflated(chain[0], data)
    walk.count(key, _declared_size(image.entries), _headers(image.entries, lambda: data))


def _check_inflated(codec: str, data: memoryview) -> None:
    """PDFium decodes an inline image's data in full just to find where it ends: refuse what would inflate beyond
    ``MAX_CONTENT_BYTES``."""
    if codec == '/LZWDecode':
        inflated = len(LZWDecode.decode(bytes(data)))
    elif codec == '/RunLengthDecode':
        inflated = len(RunLengthDecode.decode(bytes(data)))
    else:
        try:
            inflated = len(zlib.decompressobj().decompress(data, MAX_CONTENT_BYTES + 1))
        except zlib.error:
            return  # damaged data: the decoder stops where we stopped
    if inflated > MAX_CONTENT_BYTES:
        raise InvalidInput(TOO_COMPLEX)


def _headers(entries: dict[str, list[object]], encoded: Callable[[], bytes | memoryview]) -> list[tuple[int, int]]:
    """The sizes in the JPEG or JPEG 2000 headers of the data (none for other codecs). Filters decoded in full
    before another codec must be ones that cannot inflate."""
    sizes = []
    for chain in _chains(entries):
        before, codec = chain[:-1], (chain[-1] if chain else None)
        if codec in CODECS:
            try:
                sizes.append(CODECS[codec](encoded()))
            except (ValueError, struct.error, IndexError) as problem:
                raise InvalidInput('documents.error.pdf_invalid') from problem
        elif any(name not in SHRINKING for name in before):
            raise InvalidInput('documents.error.pdf_invalid')
    return sizes


def _chains(entries: dict[str, list[object]]) -> list[list[str]]:
    """Each ``/Filter`` given as a list of spelt-out filter names (one empty list when there is none)."""
    chains = [[_resolved(name) for name in value] if isinstance(value, list) else [value]
              for value in map(_resolved, entries.get('/Filter', [[]]))]
    return [[FILTERS.get(name, name) for name in chain if isinstance(name, str)] for chain in chains]


def _declared_size(entries: dict[str, list[object]]) -> tuple[int, int]:
    """Width and height in the dictionary, or larger columns and rows in its decode parameters."""
    given: list[object] = []
    for value in map(_resolved, entries.get('/DecodeParms', [])):
        given.extend(map(_resolved, value) if isinstance(value, list) else [value])
    parameters = [each for each in given if isinstance(each, dict)]
    width = max([_number(value) for value in entries.get('/Width', [])] +
                [_number(each.get('/Columns')) for each in parameters] + [0])
    height = max([_number(value) for value in entries.get('/Height', [])] +
                 [_number(each.get('/Rows')) for each in parameters] + [0])
    return width, height


def _number(value: object) -> int:
    value = _resolved(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0
    if value != value or abs(value) >= HUGE:  # NaN or beyond any limit
        return HUGE
    return max(0, int(value))


def _members(dictionary: DictionaryObject, key: str) -> list[object]:
    found = _resolved(dictionary.get(key))
    return [_resolved(value) for value in found.values()] if isinstance(found, DictionaryObject) else []


def _key(thing: object) -> object:
    reference = getattr(thing, 'indirect_reference', None)
    return (reference.idnum, reference.generation) if reference is not None else id(thing)


def _resolved(value: object) -> object:
    return value.get_object() if hasattr(value, 'get_object') else value
