"""Turn a detected sheet outline into an upright, flat sheet image.

The page's true aspect ratio is not the ratio of its side lengths in the photo: perspective shortens the
far side. With a pinhole camera whose principal point is the image centre, the four corners of a rectangle
determine the focal length and hence the rectangle's real aspect ratio (Zhang & He, "Whiteboard scanning
and image enhancement", 2007). When perspective is too weak for that (the estimate is then unstable) the
averaged side lengths are used. Ratios close to a standard paper format are snapped to it.
"""

from __future__ import annotations

import cv2
import numpy as np

from portal.imaging.geometry import order_corners

PAPER_RATIOS = {'A4': 297 / 210, 'A5': 210 / 148, 'US Letter': 11 / 8.5}
SNAP_TOLERANCE = 0.04  # relative: a 4 % estimation error is typical for hand-held photos
MAX_LONG_SIDE = 2000  # px: about 170 dpi on A4, plenty to read and small enough to store


def flatten_sheet(image: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """Perspective-corrected sheet (upright as in the photo) with a real-world aspect ratio."""
    quad = order_corners(corners).astype(np.float32)
    ratio = snap_ratio(estimate_aspect(quad, image.shape[:2]))  # width / height
    width_px, height_px = _output_size(quad, ratio)
    target = np.array([[0, 0], [width_px - 1, 0], [width_px - 1, height_px - 1], [0, height_px - 1]], np.float32)
    homography = cv2.getPerspectiveTransform(quad, target)
    return cv2.warpPerspective(
        image, homography, (width_px, height_px), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_REPLICATE
    )


def _output_size(quad: np.ndarray, ratio: float) -> tuple[int, int]:
    """Width and height: the quad's own resolution (never enlarged), at most MAX_LONG_SIDE on the long side."""
    sides = np.linalg.norm(np.roll(quad, -1, axis=0) - quad, axis=1)
    long_side = min(MAX_LONG_SIDE, float(sides.max()))
    if ratio >= 1.0:
        return max(1, round(long_side)), max(1, round(long_side / ratio))
    return max(1, round(long_side * ratio)), max(1, round(long_side))


def estimate_aspect(quad: np.ndarray, shape: tuple[int, ...]) -> float:
    """Width/height of the rectangle seen as quad (TL, TR, BR, BL), from camera geometry or side lengths."""
    ratio = _projective_aspect(np.asarray(quad, np.float64), (shape[1] / 2.0, shape[0] / 2.0))
    if ratio is None:
        ratio = _side_aspect(np.asarray(quad, np.float64))
    return ratio


def _side_aspect(quad: np.ndarray) -> float:
    """Fallback: mean of the top and bottom sides over the mean of the left and right sides."""
    sides = np.linalg.norm(np.roll(quad, -1, axis=0) - quad, axis=1)
    return float((sides[0] + sides[2]) / max(sides[1] + sides[3], 1e-9))


def _projective_aspect(quad: np.ndarray, centre: tuple[float, float]) -> float | None:
    """Zhang & He: focal length and aspect ratio from a rectangle's image; None when ill-conditioned."""
    m1, m2, m4, m3 = (np.append(p, 1.0) for p in quad)  # paper's labels: m1 TL, m2 TR, m3 BL, m4 BR
    k2 = np.cross(m1, m4) @ m3 / (np.cross(m2, m4) @ m3)
    k3 = np.cross(m1, m4) @ m2 / (np.cross(m3, m4) @ m2)
    n2, n3 = k2 * m2 - m1, k3 * m3 - m1
    if abs(n2[2] * n3[2]) < 1e-9:
        return None  # a pair of sides is parallel in the image: no vanishing point, no focal length
    u0, v0 = centre
    f2 = -(
        (n2[0] * n3[0] - (n2[0] * n3[2] + n2[2] * n3[0]) * u0 + n2[2] * n3[2] * u0 * u0)
        + (n2[1] * n3[1] - (n2[1] * n3[2] + n2[2] * n3[1]) * v0 + n2[2] * n3[2] * v0 * v0)
    ) / (n2[2] * n3[2])
    diag = 2.0 * float(np.hypot(u0, v0))
    if not 0.2 * diag < np.sqrt(max(f2, 0.0)) < 5.0 * diag:
        return None  # implausible focal length: perspective too weak to measure, or corners imprecise
    a_inv = np.linalg.inv(np.array([[np.sqrt(f2), 0, u0], [0, np.sqrt(f2), v0], [0, 0, 1.0]]))
    w2 = n2 @ a_inv.T @ a_inv @ n2
    h2 = n3 @ a_inv.T @ a_inv @ n3
    return float(np.sqrt(w2 / h2)) if w2 > 0 and h2 > 0 else None


def snap_ratio(ratio: float) -> float:
    """Snap a width/height ratio to the nearest paper format (portrait or landscape) when close enough."""
    long_over_short = max(ratio, 1.0 / ratio)
    name = min(PAPER_RATIOS, key=lambda k: abs(PAPER_RATIOS[k] - long_over_short))
    if abs(PAPER_RATIOS[name] - long_over_short) > SNAP_TOLERANCE * PAPER_RATIOS[name]:
        return ratio
    return PAPER_RATIOS[name] if ratio >= 1.0 else 1.0 / PAPER_RATIOS[name]


def rotate(sheet: np.ndarray, quarter_turns: int) -> np.ndarray:
    """Rotate clockwise by quarter_turns x 90 degrees (negative turns rotate counter-clockwise)."""
    turns = quarter_turns % 4
    codes = {1: cv2.ROTATE_90_CLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return sheet.copy() if turns == 0 else cv2.rotate(sheet, codes[turns])
