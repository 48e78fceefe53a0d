"""Synthetic photos of paper sheets for the imaging tests: drawn with OpenCV, deterministic, small."""
from __future__ import annotations

import cv2
import numpy as np

A4 = 297 / 210


def sheet_image(width: int = 420, tint: tuple[int, int, int] = (245, 245, 245)) -> np.ndarray:
    """An A4 portrait sheet with a heading, text-like lines and a small table."""
    height = round(width * A4)
    sheet = np.full((height, width, 3), tint, np.uint8)
    margin = width // 10
    cv2.rectangle(sheet, (margin, margin), (margin + width // 8, margin + width // 8), (160, 90, 30), -1)
    y = margin + width // 5
    rng = np.random.default_rng(5)
    while y < height - 2 * margin:
        end = int(width - margin - rng.integers(0, width // 3))
        cv2.line(sheet, (margin, y), (end, y), (40, 40, 40), max(1, width // 250))
        y += max(6, width // 35)
    table_top = height // 2
    for row in range(5):
        cv2.line(sheet, (margin, table_top + row * 20), (width - margin, table_top + row * 20), (60, 60, 60), 1)
    return sheet


def desk(shape: tuple[int, int], base: tuple[int, int, int], texture: float, seed: int = 0) -> np.ndarray:
    """A desk: a flat colour with blotchy low-frequency texture and a little grain."""
    h, w = shape
    rng = np.random.default_rng(seed)
    coarse = rng.random((h // 40 + 2, w // 40 + 2)).astype(np.float32)
    blotch = cv2.resize(coarse, (w, h), interpolation=cv2.INTER_CUBIC)
    grain = rng.normal(0, 1, (h, w)).astype(np.float32)
    light = (blotch - 0.5) * texture + grain * texture * 0.15
    return np.clip(np.array(base, np.float32)[None, None, :] + light[..., None], 0, 255).astype(np.uint8)


def photo(corners: np.ndarray, background: np.ndarray, sheet: np.ndarray | None = None) -> np.ndarray:
    """Warp the sheet onto the background so that its corners (TL, TR, BR, BL) land on corners."""
    sheet = sheet_image() if sheet is None else sheet
    h, w = background.shape[:2]
    ph, pw = sheet.shape[:2]
    # pixel i covers [i - 0.5, i + 0.5]: the outer boundary of the sheet image is what lands on the corners
    src = np.array([[-0.5, -0.5], [pw - 0.5, -0.5], [pw - 0.5, ph - 0.5], [-0.5, ph - 0.5]], np.float32)
    homography = cv2.getPerspectiveTransform(src, np.asarray(corners, np.float32))
    warped = cv2.warpPerspective(sheet, homography, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    mask = cv2.warpPerspective(np.ones((ph, pw), np.float32), homography, (w, h), flags=cv2.INTER_LINEAR)
    out = background.astype(np.float32) * (1 - mask[..., None]) + warped.astype(np.float32) * mask[..., None]
    return np.clip(out, 0, 255).astype(np.uint8)


def perspective_a4(width: int, height: int) -> np.ndarray:
    """Corners of an A4 sheet seen tilted back by ~30 degrees and turned a little (a typical phone shot)."""
    sheet = np.array([[-0.5, -0.5 * A4, 0], [0.5, -0.5 * A4, 0], [0.5, 0.5 * A4, 0], [-0.5, 0.5 * A4, 0]])
    tilt, turn = np.radians(30), np.radians(8)
    rx = np.array([[1, 0, 0], [0, np.cos(tilt), -np.sin(tilt)], [0, np.sin(tilt), np.cos(tilt)]])
    rz = np.array([[np.cos(turn), -np.sin(turn), 0], [np.sin(turn), np.cos(turn), 0], [0, 0, 1]])
    cam = sheet @ (rx @ rz).T + np.array([0, 0, 2.2])
    focal = 1.1 * max(width, height)
    return cam[:, :2] / cam[:, 2:3] * focal + np.array([width / 2, height / 2])


