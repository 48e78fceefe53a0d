"""Read back a QR code as a phone at the front desk would: rasterise the SVG the page shows, decode it with OpenCV."""
import re
from urllib.parse import unquote

import cv2
import numpy as np

STEP = re.compile(r'([MmHhVv])\s*(-?[\d.]+)(?:[ ,]+(-?[\d.]+))?')


def qr_pixels(svg_data_uri: str, *, scale: int = 8) -> np.ndarray:
    """A white picture with the SVG's QR modules painted black.

    segno draws each row of modules as horizontal strokes one unit wide (``M x y`` moves, ``h n`` draws n modules);
    any other drawing command fails loudly here rather than giving a picture that decodes by chance.
    """
    svg = unquote(svg_data_uri.split(',', 1)[1])
    width = int(float(re.search(r"width=['\"]([\d.]+)", svg).group(1)))
    unit = float(re.search(r'scale\(([\d.]+)\)', svg).group(1))
    path = re.search(r" d=['\"]([^'\"]+)", svg).group(1)
    size = round(width / unit)
    modules = np.ones((size, size), np.uint8) * 255
    x = y = 0.0
    for command, first, second in STEP.findall(path):
        if command in 'Mm':
            dx, dy = float(first), float(second)
            x, y = (dx, dy) if command == 'M' else (x + dx, y + dy)
        elif command in 'Hh':
            end = float(first) if command == 'H' else x + float(first)
            modules[int(y), int(min(x, end)):int(max(x, end))] = 0
            x = end
        else:
            raise AssertionError(f'unexpected SVG path command {command}')
    return cv2.resize(modules, (size * scale, size * scale), interpolation=cv2.INTER_NEAREST)


def decode_qr(svg_data_uri: str) -> str:
    """The text the QR code carries ('' when OpenCV finds no readable code)."""
    text, _, _ = cv2.QRCodeDetector().detectAndDecode(qr_pixels(svg_data_uri))
    return text
