"""Grow a winning outline whose side is an inner line of the sheet (a fold, a table edge, a shadow, a stain).

Such a rectangle has crisp sides and often outscores the sheet when one of the page's borders is faint. But
its betrayal is geometric: the two sides next to the inner line run on, well supported, past its corners
(they are the page's borders) until they meet another line. When that happens the side is moved out to the
line where both neighbours end, provided that line is itself visibly an edge.

A sheet held too close runs off the photo. Its visible part is then bounded by the frame, which is no edge
in the image: when both neighbours of a side run on, well supported, to the same edge of the frame, the side is
moved there. The corners on the frame make the quality check say that the sheet is cut off.
"""

from __future__ import annotations

import numpy as np

from portal.imaging.geometry import intersect, is_convex
from portal.imaging.quads import quad_areas, quads_on_lines
from portal.imaging.scoring import END_GAP, LineProfiles

CONTINUES = 0.7  # supported fraction of both neighbouring borders between the old and the new side
NEW_SIDE = 0.35  # supported fraction of the new side
MIN_GROWTH = 0.04  # the new side is at least this fraction of the frame's long side away
FRAME_CONTINUES = 0.5  # the same towards the frame's edge, where blurring near the border costs some support
PASSES = 2  # a sheet can be cut short on two sides (a fold and a table)


def extend(
    profiles: LineProfiles, quad: np.ndarray, lines: np.ndarray, shape: tuple[int, int]
) -> tuple[np.ndarray, np.ndarray]:
    """The outline (4x2) and its lines (4,) after moving inner sides out to the page's borders."""
    for _ in range(PASSES):
        grown = _grow_once(profiles, quad, lines, shape)
        if grown is None:
            break
        quad, lines = grown
    return _to_frame(profiles, quad, lines, shape), lines


def _to_frame(profiles: LineProfiles, quad: np.ndarray, lines: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """The outline with one side moved onto the frame's edge where both its neighbours run on to that edge."""
    h, w = shape
    frame = [np.array([0.0, 1.0, 0.0]), np.array([1.0, 0.0, w - 1.0]), np.array([0.0, 1.0, h - 1.0]),
             np.array([1.0, 0.0, 0.0])]  # top, right, bottom, left in normal form
    best, best_area = quad, quad_areas(quad[None])[0]
    for k in range(4):
        before, after = lines[(k - 1) % 4], lines[(k + 1) % 4]
        for edge in frame:
            a, b = intersect(profiles.eq[before], edge), intersect(profiles.eq[after], edge)
            if a is None or b is None or not (_on_frame(a, shape) and _on_frame(b, shape)):
                continue
            grown = quad.copy()
            grown[k], grown[(k + 1) % 4] = a, b
            area = quad_areas(grown[None])[0]
            far = min(np.linalg.norm(a - quad[k]), np.linalg.norm(b - quad[(k + 1) % 4])) > MIN_GROWTH * max(shape)
            if not (far and area > best_area and is_convex(grown)):
                continue
            cont_a = _stretch(profiles, np.array([before]), quad[k][None], a[None])[0]
            cont_b = _stretch(profiles, np.array([after]), quad[(k + 1) % 4][None], b[None])[0]
            if min(cont_a, cont_b) >= FRAME_CONTINUES:
                best, best_area = grown, area
    return best


def _on_frame(point: np.ndarray, shape: tuple[int, int]) -> bool:
    h, w = shape
    return bool(-1.0 <= point[0] <= w and -1.0 <= point[1] <= h)


def _grow_once(
    profiles: LineProfiles, quad: np.ndarray, lines: np.ndarray, shape: tuple[int, int]
) -> tuple[np.ndarray, np.ndarray] | None:
    """Largest valid growth over the four sides, or None."""
    n = len(profiles.eq)
    trial = np.repeat(lines[None, :], 4 * n, axis=0)
    side = np.repeat(np.arange(4), n)
    trial[np.arange(4 * n), side] = np.tile(np.arange(n), 4)
    ok = np.array([len(set(t.tolist())) == 4 for t in trial])
    trial, side = trial[ok], side[ok]
    cands, kept = quads_on_lines(profiles.eq, trial, shape)
    if len(cands) == 0:
        return None
    k = side[_rows_of(trial, kept)]
    good = _valid(profiles, quad, lines, cands, kept, k, shape)
    if not np.any(good):
        return None
    best = np.flatnonzero(good)[int(np.argmax(quad_areas(cands[good])))]
    return cands[best], kept[best]


def _rows_of(trial: np.ndarray, kept: np.ndarray) -> np.ndarray:
    """Row index in trial of each row of kept (rows are unique)."""
    lookup = {tuple(t): i for i, t in enumerate(trial.tolist())}
    return np.array([lookup[tuple(t)] for t in kept.tolist()], np.intp)


def _valid(
    profiles: LineProfiles,
    quad: np.ndarray,
    lines: np.ndarray,
    cands: np.ndarray,
    kept: np.ndarray,
    k: np.ndarray,
    shape: tuple[int, int],
) -> np.ndarray:
    """Mask of candidates that grow side k outward along two well-supported neighbours to a visible edge."""
    rows = np.arange(len(cands))
    prev_line, next_line = lines[(k - 1) % 4], lines[(k + 1) % 4]
    old_a, old_b = quad[k], quad[(k + 1) % 4]
    new_a, new_b = cands[rows, k], cands[rows, (k + 1) % 4]
    gap = np.minimum(np.linalg.norm(new_a - old_a, axis=1), np.linalg.norm(new_b - old_b, axis=1))
    outward = quad_areas(cands) > quad_areas(quad[None])[0]
    cont_a = _stretch(profiles, prev_line, old_a, new_a)
    cont_b = _stretch(profiles, next_line, old_b, new_b)
    ta, tb = profiles.position(kept[rows, k], new_a), profiles.position(kept[rows, k], new_b)
    lo, hi = np.minimum(ta, tb), np.maximum(ta, tb)
    span = hi - lo
    new_side = profiles.fraction(kept[rows, k], lo + END_GAP * span, hi - END_GAP * span)
    far = gap > MIN_GROWTH * max(shape)
    return outward & far & (cont_a >= CONTINUES) & (cont_b >= CONTINUES) & (new_side >= NEW_SIDE)


def _stretch(profiles: LineProfiles, line: np.ndarray, p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Supported fraction of the given lines between points p and q."""
    tp, tq = profiles.position(line, p), profiles.position(line, q)
    return profiles.fraction(line, np.minimum(tp, tq), np.maximum(tp, tq))
