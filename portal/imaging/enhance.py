"""Clean up a flattened sheet: remove shadows and uneven lighting, optionally reduce to black and white.

Paper is (nearly) uniform, so the slowly varying brightness of the blank paper is the illumination. It is
estimated by a large morphological closing (which erases dark print narrower than the structuring element)
on a reduced copy, smoothed, and divided out: the paper becomes white everywhere, print keeps its contrast.
"""

from __future__ import annotations

import cv2
import numpy as np

MODES = ('colour', 'grey', 'document')
WORK_LONG_SIDE = 400  # px: illumination varies slowly, so it is estimated on a small copy
CLOSE_FRACTION = 0.04  # structuring element relative to the page's long side: wider than any letter stroke


def enhance(sheet: np.ndarray, mode: str) -> np.ndarray:
    """Enhanced copy of a sheet image; mode is 'colour', 'grey' or 'document' (black and white)."""
    if mode not in MODES:
        raise ValueError(f'unknown enhancement mode {mode!r}; expected one of {MODES}')
    bgr = sheet if sheet.ndim == 3 else cv2.cvtColor(sheet, cv2.COLOR_GRAY2BGR)
    if mode == 'colour':
        return _flatten_illumination(bgr)
    grey = _flatten_illumination(cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY))
    return grey if mode == 'grey' else _black_and_white(grey)


def illumination(channel: np.ndarray) -> np.ndarray:
    """Estimated brightness of the blank paper at every pixel of a single-channel image (float32, >= 1)."""
    h, w = channel.shape[:2]
    factor = max(1.0, max(h, w) / WORK_LONG_SIDE)
    small = cv2.resize(channel, (max(1, round(w / factor)), max(1, round(h / factor))), interpolation=cv2.INTER_AREA)
    size = max(3, int(CLOSE_FRACTION * max(small.shape)) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    background = cv2.GaussianBlur(background.astype(np.float32), (0, 0), size / 2.0)
    return np.maximum(cv2.resize(background, (w, h), interpolation=cv2.INTER_LINEAR), 1.0)


def _flatten_illumination(image: np.ndarray) -> np.ndarray:
    """Divide each channel by its paper brightness so that the paper becomes white (uint8)."""
    channels = cv2.split(image) if image.ndim == 3 else [image]
    out = [np.clip(c.astype(np.float32) / illumination(c) * 255.0, 0, 255).astype(np.uint8) for c in channels]
    return cv2.merge(out) if len(out) > 1 else out[0]


def _black_and_white(grey: np.ndarray) -> np.ndarray:
    """Steep contrast stretch of an illumination-flattened sheet: paper to white, print to black.

    A stretch rather than a hard threshold keeps anti-aliased letter edges readable; the white point sits
    just below the paper level so paper texture and faint shading vanish.
    """
    paper = float(np.percentile(grey, 90))
    white, black = 0.88 * paper, 0.45 * paper
    stretched = (grey.astype(np.float32) - black) * (255.0 / max(white - black, 1.0))
    return np.clip(stretched, 0, 255).astype(np.uint8)
