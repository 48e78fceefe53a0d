"""Which way up is a flattened sheet? Found from the text on it, and only when the text makes it clear.

Two classical cues:
- Lines of text make the row profile of the ink peaky and the column profile flat; a sheet lying on its side
  shows the opposite (0/180 against 90/270).
- In Latin script far more letters rise above the x-height (capitals, digits, b d f h k l t) than fall below it
  (g j p q y): in each text line there is more ink above its dense core than below. Upside down it is the
  other way round (0 against 180).
Sheets without enough text (photos, empty forms) or with mixed signals keep the orientation they have; lines that
run sideways are turned level even when the top cannot be told. Either way the result is marked uncertain, so the
person is asked to check the sheet rather than told it reads well.
"""
from dataclasses import dataclass

import cv2
import numpy as np

from portal.imaging.sheets import rotate

WORK_SIDE = 1000
MIN_INK = 0.004  # share of dark pixels below which there is no text to judge
SIDEWAYS_MARGIN = 1.35  # how much peakier one profile must be than the other
UPSIDE_MARGIN = 1.25  # how much more ink above the core than below (or the reverse)
MIN_LINES = 4
MIN_SPILL = 0.01  # share of the lines' ink by which above and below must differ (Latin text: 0.02-0.07)


@dataclass(frozen=True)
class Orientation:
    """``turns``: clockwise quarter turns (0-3) towards upright; ``certain``: the text showed which side is the top."""

    turns: int
    certain: bool


def find_orientation(sheet: np.ndarray) -> Orientation:
    """Which way up the sheet is, as far as its text tells."""
    ink = _ink(sheet)
    if ink.mean() < MIN_INK:
        return Orientation(0, False)
    rows, columns = _peakiness(ink.sum(axis=1)), _peakiness(ink.sum(axis=0))
    if columns > rows * SIDEWAYS_MARGIN:
        turned = 1
    elif rows > columns * SIDEWAYS_MARGIN:
        turned = 0
    else:
        return Orientation(0, False)
    upside = _upside_down(ink if turned == 0 else rotate(ink, 1))
    if upside is None:
        return Orientation(turned, False)  # lines level, but it may be upside down
    return Orientation((turned + (2 if upside else 0)) % 4, True)


def upright_turns(sheet: np.ndarray) -> int:
    """Clockwise quarter turns (0-3) that make the sheet upright; 0 when the text does not tell."""
    return find_orientation(sheet).turns


def _ink(sheet: np.ndarray) -> np.ndarray:
    """Dark strokes as 1, paper as 0, on a copy about WORK_SIDE pixels long."""
    grey = sheet if sheet.ndim == 2 else cv2.cvtColor(sheet, cv2.COLOR_BGR2GRAY)
    scale = WORK_SIDE / max(grey.shape)
    if scale < 1:
        grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    binary = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    return (_without_rules(binary) > 0).astype(np.float32)


def _without_rules(binary: np.ndarray) -> np.ndarray:
    """Table and form rules are long straight runs of ink; they say nothing about which way text runs."""
    long_side = max(binary.shape) // 12
    rules = np.zeros_like(binary)
    for kernel in ((long_side, 1), (1, long_side)):
        rules |= cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
    return cv2.subtract(binary, cv2.dilate(rules, np.ones((3, 3), np.uint8)))


def _peakiness(profile: np.ndarray) -> float:
    """How strongly the profile alternates between ink and gaps (text lines), independent of the ink amount."""
    smooth = cv2.GaussianBlur(profile.reshape(-1, 1), (1, 3), 0).ravel()
    mean = float(smooth.mean())
    return 0.0 if mean <= 0 else float(np.abs(np.diff(smooth)).mean() / mean)


def _upside_down(ink: np.ndarray) -> bool | None:
    """True when the text lines carry more ink below their cores than above, None when unclear."""
    above = below = total = 0.0
    lines = 0
    for top, bottom in _text_lines(ink.sum(axis=1)):
        band = ink[top:bottom].sum(axis=1)
        core = np.flatnonzero(band >= 0.5 * band.max())
        if core.size == 0:
            continue
        above += float(band[:core[0]].sum())
        below += float(band[core[-1] + 1:].sum())
        total += float(band.sum())
        lines += 1
    if lines < MIN_LINES or abs(above - below) < MIN_SPILL * total:
        return None  # capitals, digits or scripts without ascenders: a few stray pixels must not decide
    if above > below * UPSIDE_MARGIN:
        return False
    if below > above * UPSIDE_MARGIN:
        return True
    return None


def _text_lines(profile: np.ndarray) -> list[tuple[int, int]]:
    """Runs of rows with ink, separated by (nearly) empty rows."""
    threshold = 0.08 * float(profile.max())
    rows = profile > threshold
    lines, start = [], None
    for index, has_ink in enumerate(rows):
        if has_ink and start is None:
            start = index
        elif not has_ink and start is not None:
            if index - start >= 4:
                lines.append((start, index))
            start = None
    return lines
