"""Checking and preparing an upload before anything is stored: the pure, CPU-heavy half of adding a scan.

``prepare_scan(upload, file_name, limits)`` (the bytes, or an ``IncomingFile`` the server streamed to disk,
read here in the worker process) sniffs the type from the magic bytes (never the name or the
browser's content type), refuses oversized files, reads the image's dimensions from its header and refuses
decompression bombs before decoding a pixel, decodes with OpenCV (a truncated or corrupt file does not
decode), finds the sheet's corners, judges the quality and makes a preview (``judge_scan`` judges it again
for corners the person moved). PDFs are parsed with pypdf, rewritten sheet by sheet without annotations or
scripts, and their first sheet is rendered as preview.
Every refusal is an ``InvalidInput`` with a catalogue key; nothing is written anywhere.
"""
import hashlib
import struct
from dataclasses import dataclass

import numpy as np

from portal import imaging
from portal.core.errors import InvalidInput
from portal.documents import pdfinput
from portal.documents.headers import jpeg_size
from portal.documents.incoming import IncomingFile
from portal.documents.kinds import IMAGE, PDF
from portal.documents.limits import Limits, check_pixels, check_upload_bytes
from portal.documents.render import PREVIEW_SIDE, decode_image, encode_jpeg, shrink

JPEG, PNG, WEBP = 'jpeg', 'png', 'webp'
HEIF_BRANDS = {b'heic', b'heix', b'hevc', b'hevx', b'heim', b'heis', b'hevm', b'hevs', b'mif1', b'msf1',
               b'avif', b'avis'}
MAX_NAME = 255


@dataclass(frozen=True)
class PreparedScan:
    """A checked upload, ready for ``Documents.add_page``: what to store and what was found in it.

    ``corners`` are four [x, y] in pixels of the decoded original (None: no sheet found, use the whole
    image); ``width``/``height`` are those of the decoded original (of the preview for a PDF).
    """

    source: str  # 'image' or 'pdf'
    data: bytes  # the original image bytes, or the rewritten PDF
    sha256: str
    width: int
    height: int
    sheets: int
    corners: list[list[float]] | None
    quality: tuple[str, ...]
    preview: bytes  # JPEG, long side at most PREVIEW_SIDE
    quarter_turns: int = 0  # clockwise turns that make the sheet upright, found from its text where possible


def prepare_scan(upload: bytes | IncomingFile, file_name: str, limits: Limits) -> PreparedScan:
    """Check and analyse one upload (module-level and pure: it runs in a worker process)."""
    check_file_name(file_name)
    check_upload_bytes(upload.size if isinstance(upload, IncomingFile) else len(upload), limits)
    data = upload.read() if isinstance(upload, IncomingFile) else upload
    kind = sniff(data)
    if kind == PDF:
        document = pdfinput.read_pdf(data, limits)
        return PreparedScan(PDF, document.data, _digest(document.data), document.width, document.height,
                            document.sheets, None, (), document.preview)
    width, height = dimensions(kind, data)
    check_pixels(width, height, limits)
    image = decode_image(data)
    if image is None or image.shape[0] * image.shape[1] != width * height:
        raise InvalidInput('documents.error.corrupt_image')
    corners = imaging.find_document_corners(image)
    found = None if corners is None else [[float(x), float(y)] for x, y in corners]
    orientation = imaging.find_orientation(_page(image, found))
    return PreparedScan(IMAGE, data, _digest(data), image.shape[1], image.shape[0], 0, found,
                        _judge(image, found, orientation, None), encode_jpeg(shrink(image, PREVIEW_SIDE)),
                        orientation.turns)


def find_outline(frame: bytes) -> list[list[float]] | None:
    """The sheet's corners in a small camera preview frame, as fractions of its size (CPU work: in a worker)."""
    image = decode_image(frame)
    if image is None:
        return None
    corners = imaging.find_document_corners(image)
    if corners is None:
        return None
    height, width = image.shape[:2]
    return [[float(x) / width, float(y) / height] for x, y in corners]


def judge_scan(data: bytes, corners: list[list[float]] | None,
               quarter_turns: int | None = None) -> tuple[str, ...]:
    """The quality codes of a stored photo cropped to ``corners`` (original pixels; None: the whole photo).

    Run again whenever the person moves the corners or turns the sheet (module-level and pure: in a worker process).
    With ``quarter_turns`` (the turns the sheet will be sent with) a sheet the text shows not upright is
    'not_upright'; without, only a sheet whose top cannot be told is marked ('orientation_unclear').
    """
    image = decode_image(data)
    if image is None:
        raise InvalidInput('documents.error.corrupt_image')
    return _judge(image, corners, imaging.find_orientation(_page(image, corners)), quarter_turns)


def _judge(image: np.ndarray, corners: list[list[float]] | None, orientation: imaging.Orientation,
           quarter_turns: int | None) -> tuple[str, ...]:
    """The photo's problems, or else the sheet's orientation: never "reads well" for a sheet that may be upside
    down."""
    quad = _frame(image) if corners is None else _quad(corners)
    problems = imaging.check_quality(image, quad)
    if problems:  # one thing at a time: a new photo is judged afresh
        return tuple(problems)
    if not orientation.certain:
        problems.append('orientation_unclear')
    elif quarter_turns is not None and (quarter_turns - orientation.turns) % 4:
        problems.append('not_upright')
    return tuple(problems)


def _page(image: np.ndarray, corners: list[list[float]] | None) -> np.ndarray:
    return image if corners is None else imaging.flatten_sheet(image, _quad(corners))


def _quad(corners: list[list[float]]) -> np.ndarray:
    return np.asarray(corners, dtype=np.float64).reshape(4, 2)


def _frame(image: np.ndarray) -> np.ndarray:
    """Corners of the whole photo: judged as the sheet when no sheet outline was found."""
    height, width = image.shape[:2]
    return np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float64)


def check_file_name(name: str) -> None:
    """Only a bare file name: no folders, no drive letters, no control characters."""
    if len(name) > MAX_NAME or any(ch in name for ch in '/\\:') or name in ('.', '..') or \
            any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise InvalidInput('documents.error.file_name')


def sniff(data: bytes) -> str:
    """The file's type from its first bytes; refuse HEIC/AVIF and anything that is not an image or PDF."""
    if data.startswith(b'\xff\xd8\xff'):
        return JPEG
    if data.startswith(b'\x89PNG\r\n\x1a\n'):
        return PNG
    if data[:4] == b'RIFF' and data[8:12] == b'WEBP':
        return WEBP
    if data.startswith(b'%PDF-'):
        return PDF
    if data[4:8] == b'ftyp' and data[8:12] in HEIF_BRANDS:
        raise InvalidInput('documents.error.heic')
    raise InvalidInput('documents.error.not_an_image')


def dimensions(kind: str, data: bytes) -> tuple[int, int]:
    """Width and height from the header alone; a header that cannot be read means a corrupt file."""
    try:
        width, height = {JPEG: jpeg_size, PNG: _png_size, WEBP: _webp_size}[kind](data)
    except (struct.error, IndexError, ValueError) as problem:
        raise InvalidInput('documents.error.corrupt_image') from problem
    if width <= 0 or height <= 0:
        raise InvalidInput('documents.error.corrupt_image')
    return width, height


def _png_size(data: bytes) -> tuple[int, int]:
    if data[12:16] != b'IHDR':
        raise ValueError('no IHDR')
    return struct.unpack('>II', data[16:24])


def _webp_size(data: bytes) -> tuple[int, int]:
    chunk = data[12:16]
    if chunk == b'VP8X':
        width = int.from_bytes(data[24:27], 'little') + 1
        return width, int.from_bytes(data[27:30], 'little') + 1
    if chunk == b'VP8L':
        bits = int.from_bytes(data[21:25], 'little')
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b'VP8 ':
        width, height = struct.unpack('<HH', data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    raise ValueError('unknown WebP chunk')


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
