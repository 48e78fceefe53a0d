"""Pure image functions (OpenCV, no database, no files): decode, shrink, encode, and render a sheet.

A rendered sheet is the original flattened to the sheet's corners, cleaned up in its mode and turned by
quarter turns, using the engine in ``portal.imaging``. Everything here is CPU work that runs in a worker process
(``portal.core.workers``: the arguments and results are plain bytes and lists, so they pickle).
"""
from collections.abc import Sequence

import cv2
import numpy as np

from portal import imaging

PREVIEW_SIDE = 1280  # px, long side of the copy the editor shows
THUMBNAIL_SIDE = 240  # px, long side of a sheet's thumbnail on the receipt
PREVIEW_QUALITY = 80


def decode_image(data: bytes) -> np.ndarray | None:
    """BGR pixels of a JPEG, PNG or WebP (EXIF orientation applied), or None when it does not decode."""
    return cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)


def shrink(image: np.ndarray, long_side: int) -> np.ndarray:
    """Scale down (never up) so the longer side is at most ``long_side``."""
    height, width = image.shape[:2]
    factor = long_side / max(height, width)
    if factor >= 1.0:
        return image
    size = (max(1, round(width * factor)), max(1, round(height * factor)))
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA)


def encode_jpeg(image: np.ndarray, quality: int = PREVIEW_QUALITY) -> bytes:
    ok, buffer = cv2.imencode('.jpg', image, [cv2.IMWRITE_JPEG_QUALITY, quality,
                                              cv2.IMWRITE_JPEG_OPTIMIZE, 1])
    if not ok:
        raise ValueError('JPEG encoding failed')
    return buffer.tobytes()


def render(image: np.ndarray, corners: Sequence[Sequence[float]] | None, mode: str,
           quarter_turns: int) -> np.ndarray:
    """Flatten (when there are corners), enhance and turn one sheet."""
    sheet = image
    if corners is not None:
        sheet = imaging.flatten_sheet(image, np.asarray(corners, dtype=np.float32).reshape(4, 2))
    sheet = imaging.enhance(sheet, mode)
    return imaging.rotate(sheet, quarter_turns % 4)


def render_preview(preview: bytes, corners: Sequence[Sequence[float]] | None, scale: float, mode: str,
                   quarter_turns: int) -> bytes:
    """The editor's "result" picture: the stored preview rendered as the sheet will be (JPEG bytes).

    ``corners`` are in original pixels; ``scale`` is preview width / original width (``ScanView.scale``).
    """
    image = decode_image(preview)
    if image is None:
        raise ValueError('the stored preview does not decode')
    scaled = None if corners is None else (np.asarray(corners, dtype=np.float32) * scale).tolist()
    return encode_jpeg(render(image, scaled, mode, quarter_turns))


def thumbnail(image: np.ndarray) -> bytes:
    return encode_jpeg(shrink(image, THUMBNAIL_SIDE), 70)
