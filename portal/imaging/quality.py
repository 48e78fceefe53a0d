"""Judge whether a photographed sheet is good enough to keep, and say what is wrong when it is not.

Problem codes: 'blurred', 'too_dark', 'glare', 'cut_off', 'too_small' (go closer), 'low_resolution' (the photo
itself has too few pixels: going closer cannot help). Measurements are taken on the sheet itself (flattened to a
fixed size), so a dark desk or a blurred background does not count against a good sheet. Advice never contradicts
itself: a cut-off sheet is not also told to go closer.
"""

from __future__ import annotations

import cv2
import numpy as np

from portal.imaging.geometry import order_corners

PROBE_LONG_SIDE = 800  # px: the sheet is judged at this size, so thresholds do not depend on the camera
MIN_SHARPNESS = 0.15  # steepest gradient over contrast range: 0.3-0.5 for crisp print, ~0.1 when smeared
MIN_BRIGHTNESS = 70  # median paper brightness (0-255) below which print is lost in noise
GLARE_CLIPPED = 0.01  # fraction of the sheet burnt out to white ...
GLARE_PAPER_MAX = 215  # ... while the paper itself is clearly darker than white: a reflection, not exposure
BORDER_MARGIN = 0.005  # corners closer to the frame edge than this fraction of its short side: cut off
MIN_AREA_FRACTION = 0.10  # sheet covers less than this share of the photo
MIN_SHORT_SIDE = 600  # px across the sheet: about 70 dpi on A4, the least that keeps small print legible
A4 = 297 / 210
FILL = 0.9  # share of the photo an A4 sheet covers at best when held close (its long side along the photo's)


def check_quality(image: np.ndarray, corners: np.ndarray) -> list[str]:
    """Problem codes for the sheet at corners in image ([] when the photo is fine)."""
    quad = order_corners(corners)
    sheet = _probe(image, quad)
    grey = cv2.cvtColor(sheet, cv2.COLOR_BGR2GRAY) if sheet.ndim == 3 else sheet
    problems = []
    if sharpness(grey) < MIN_SHARPNESS:
        problems.append('blurred')
    if float(np.median(grey)) < MIN_BRIGHTNESS:
        problems.append('too_dark')
    if _has_glare(sheet, grey):
        problems.append('glare')
    if _touches_border(quad, image.shape[:2]):
        problems.append('cut_off')  # "further away": then "closer" would contradict it
    elif size := _size_problem(quad, image.shape[:2]):
        problems.append(size)
    return problems


def _probe(image: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The sheet warped to a rectangle with PROBE_LONG_SIDE on its long side (aspect from side lengths)."""
    sides = np.linalg.norm(np.roll(quad, -1, axis=0) - quad, axis=1)
    width, height = (sides[0] + sides[2]) / 2, (sides[1] + sides[3]) / 2
    k = PROBE_LONG_SIDE / max(width, height, 1.0)
    w, h = max(8, round(width * k)), max(8, round(height * k))
    target = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    homography = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    return cv2.warpPerspective(image, homography, (w, h), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_REPLICATE)


def sharpness(grey: np.ndarray) -> float:
    """Steepest gradients relative to the contrast range: large for crisp edges, small for smeared ones.

    The step height cancels out, so faint and bold print score alike; blur widens every edge and lowers it.
    """
    smooth = cv2.GaussianBlur(grey.astype(np.float32), (0, 0), 0.7)  # suppress JPEG and sensor noise only
    gx = cv2.Sobel(smooth, cv2.CV_32F, 1, 0, ksize=3, scale=0.125)
    gy = cv2.Sobel(smooth, cv2.CV_32F, 0, 1, ksize=3, scale=0.125)
    steepest = float(np.percentile(np.hypot(gx, gy), 99.7))
    lo, hi = np.percentile(smooth, [1, 99])
    return steepest / max(float(hi - lo), 10.0)


def _has_glare(sheet: np.ndarray, grey: np.ndarray) -> bool:
    clipped = np.all(sheet >= 250, axis=2) if sheet.ndim == 3 else sheet >= 250
    return float(clipped.mean()) > GLARE_CLIPPED and float(np.median(grey)) < GLARE_PAPER_MAX


def _touches_border(quad: np.ndarray, shape: tuple[int, int]) -> bool:
    h, w = shape
    margin = BORDER_MARGIN * min(h, w)
    x, y = quad[:, 0], quad[:, 1]
    return bool(np.any((x < margin) | (y < margin) | (x > w - 1 - margin) | (y > h - 1 - margin)))


def _size_problem(quad: np.ndarray, shape: tuple[int, int]) -> str | None:
    """'too_small' when going closer would help; 'low_resolution' when even a sheet filling the photo has too few
    pixels across (a camera set to a small picture size, or one that lowers it in poor light)."""
    x, y = quad[:, 0], quad[:, 1]
    area = 0.5 * abs(float(x @ np.roll(y, -1) - y @ np.roll(x, -1)))
    sides = np.linalg.norm(np.roll(quad, -1, axis=0) - quad, axis=1)
    short_side = min((sides[0] + sides[2]) / 2, (sides[1] + sides[3]) / 2)
    if area < MIN_AREA_FRACTION * shape[0] * shape[1]:
        return 'too_small'
    if short_side >= MIN_SHORT_SIDE:
        return None
    best = FILL * min(min(shape), max(shape) / A4)  # the page's short side if it filled the photo
    return 'low_resolution' if best < MIN_SHORT_SIDE else 'too_small'
