"""Generated inputs for the document tests: photos of a sheet, crafted image headers, small PDFs."""
import io
import struct
import zlib

import cv2
import img2pdf
import numpy as np
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from portal.documents.limits import Limits

LIMITS = Limits(upload_bytes=15_000_000, document_bytes=40_000_000, megapixels=50, sheets=30, uploads_per_hour=100)


def text_sheet(width: int = 1240, height: int = 1754) -> np.ndarray:
    """A white A4-shaped sheet full of dark text lines (about 150 dpi by default)."""
    sheet = np.full((height, width, 3), 245, np.uint8)
    rng = np.random.default_rng(7)
    for y in range(110, height - 90, max(24, height // 42)):
        words = ' '.join(''.join(chr(97 + int(rng.integers(0, 26))) for _ in range(int(rng.integers(2, 9))))
                         for _ in range(9))
        cv2.putText(sheet, words, (width // 14, y), cv2.FONT_HERSHEY_SIMPLEX, width / 1400, (30, 30, 30), 2,
                    cv2.LINE_AA)
    return sheet


CAPITALS = ['SEHR', 'GEEHRTE', 'DAMEN', 'UND', 'HERREN', 'HIERMIT', 'BESTAETIGEN', 'WIR', 'DEN', 'EINGANG', 'IHRER']


def capitals_sheet(width: int = 1000, height: int = 1400) -> np.ndarray:
    """Text in capitals only: nothing rises above or falls below the letters, so its top cannot be told."""
    sheet = np.full((height, width, 3), 250, np.uint8)
    rng = np.random.default_rng(3)
    for y in range(80, height - 60, height // 30):
        cv2.putText(sheet, ' '.join(rng.choice(CAPITALS, 4)), (width // 16, y), cv2.FONT_HERSHEY_SIMPLEX,
                    width / 1100, (30, 30, 30), 1, cv2.LINE_AA)
    return sheet


def sheet_photo(width: int = 900, height: int = 1200, *, quality: int = 90,
               sheet: np.ndarray | None = None) -> tuple[bytes, np.ndarray]:
    """JPEG of a sheet (``text_sheet()`` unless given) lying on a dark desk, seen in perspective; returns the bytes
    and the true corners."""
    rng = np.random.default_rng(3)
    desk = np.clip(rng.normal((70, 55, 45), 6, (height, width, 3)), 0, 255).astype(np.uint8)
    sheet = text_sheet() if sheet is None else sheet
    corners = np.float32([[0.18 * width, 0.08 * height], [0.82 * width, 0.1 * height],
                          [0.86 * width, 0.93 * height], [0.14 * width, 0.9 * height]])
    source = np.float32([[0, 0], [sheet.shape[1], 0], [sheet.shape[1], sheet.shape[0]], [0, sheet.shape[0]]])
    homography = cv2.getPerspectiveTransform(source, corners)
    warped = cv2.warpPerspective(sheet, homography, (width, height))
    mask = cv2.warpPerspective(np.full(sheet.shape[:2], 255, np.uint8), homography, (width, height)) > 0
    desk[mask] = warped[mask]
    ok, buffer = cv2.imencode('.jpg', desk, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return buffer.tobytes(), corners


def png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims the given size, followed by a tiny compressed body (a bomb's shape)."""
    ihdr = struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)
    chunk = struct.pack('>I', len(ihdr)) + b'IHDR' + ihdr + struct.pack('>I', zlib.crc32(b'IHDR' + ihdr))
    body = zlib.compress(b'\0' * 100_000)
    return b'\x89PNG\r\n\x1a\n' + chunk + struct.pack('>I', len(body)) + b'IDAT' + body + b'\0\0\0\0'


def jpeg_header(width: int, height: int) -> bytes:
    """Start of a baseline JPEG whose frame header claims the given size."""
    app0 = b'\xff\xe0' + struct.pack('>H', 16) + b'JFIF\0\x01\x01\0\0\x01\0\x01\0\0'
    sof = b'\xff\xc0' + struct.pack('>HBHHB', 17, 8, height, width, 3) + b'\x01\x22\x00\x02\x11\x01\x03\x11\x01'
    return b'\xff\xd8' + app0 + sof + b'\xff\xda' + b'\0' * 64


def pdf_file(sheets: int = 2, *, password: str | None = None, script: bool = False) -> bytes:
    writer = PdfWriter()
    for _ in range(sheets):
        writer.add_blank_page(595, 842)
    if script:
        action = DictionaryObject({NameObject('/S'): NameObject('/JavaScript'),
                                   NameObject('/JS'): TextStringObject('app.alert("hello");')})
        writer.root_object[NameObject('/OpenAction')] = action
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sheets_pdf(*shades: int) -> bytes:
    """A PDF whose sheets are plain A4-shaped pictures of the given grey shades, in that order."""
    pictures = [cv2.imencode('.png', np.full((420, 297), shade, np.uint8))[1].tobytes() for shade in shades]
    return img2pdf.convert(pictures)


