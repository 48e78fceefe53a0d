"""Enumerate candidate sheet outlines: quadrilaterals whose four sides lie on four detected lines.

Opposite sides of a photographed sheet are close to parallel (perspective tilts them by a few tens of degrees
at most) and adjacent sides cross at a clear angle, which prunes the combinations before any pixel is read.
"""

from __future__ import annotations

import numpy as np

MAX_OPPOSITE_ANGLE = 40.0  # degrees between opposite sides under strong perspective
MIN_CROSSING_ANGLE = 35.0  # degrees between adjacent sides
MIN_AREA = 0.03  # fraction of the frame: smaller sheets are unreadable anyway
MIN_SIDE = 0.06  # fraction of the long side of the frame


def enumerate_quads(eq: np.ndarray, shape: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Plausible quads (M, 4, 2) and the line index of each side (M, 4); corner k starts side k."""
    pairs = _opposite_pairs(eq)
    if len(pairs) < 2:
        return np.zeros((0, 4, 2)), np.zeros((0, 4), np.intp)
    i, j = np.triu_indices(len(pairs), 1)
    a, b = pairs[i], pairs[j]
    idx = np.stack([a[:, 0], b[:, 0], a[:, 1], b[:, 1]], axis=1)  # cyclic order: a0, b0, a1, b1
    distinct = (a[:, :1] != b).all(axis=1) & (a[:, 1:] != b).all(axis=1)
    return quads_on_lines(eq, idx[distinct & crossing_sides(eq, idx[:, 0], idx[:, 1])], shape)


def quads_on_lines(eq: np.ndarray, idx: np.ndarray, shape: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Plausible quads for the given line quadruples (M, 4) in cyclic order, and the surviving quadruples."""
    ok = np.all(crossing_sides(eq, idx, np.roll(idx, -1, axis=1)), axis=1)
    idx = idx[ok]
    quads = corners_of(eq, idx)
    ok = plausible(quads, shape)
    return quads[ok], idx[ok]


def crossing_sides(eq: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """True where lines a and b (index arrays) cross at a clear angle, as adjacent sides must."""
    cos = np.abs(np.sum(eq[a, :2] * eq[b, :2], axis=-1))
    return cos < np.cos(np.radians(MIN_CROSSING_ANGLE))


def _opposite_pairs(eq: np.ndarray) -> np.ndarray:
    """Index pairs (P, 2) of lines that could be opposite sides of one sheet."""
    cos = np.abs(eq[:, :2] @ eq[:, :2].T)
    i, j = np.triu_indices(len(eq), 1)
    keep = cos[i, j] > np.cos(np.radians(MAX_OPPOSITE_ANGLE))
    return np.stack([i[keep], j[keep]], axis=1)


def corners_of(eq: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Vectorised intersections: corner k is where the lines of sides k-1 and k meet -> (M, 4, 2)."""
    a = eq[np.roll(idx, 1, axis=1)]
    b = eq[idx]
    det = a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]
    det = np.where(np.abs(det) < 1e-9, 1e-9, det)
    x = (a[..., 2] * b[..., 1] - a[..., 1] * b[..., 2]) / det
    y = (a[..., 0] * b[..., 2] - a[..., 2] * b[..., 0]) / det
    return np.stack([x, y], axis=-1)


def quad_areas(quads: np.ndarray) -> np.ndarray:
    """Unsigned shoelace areas of (M, 4, 2) quads."""
    x, y = quads[..., 0], quads[..., 1]
    return 0.5 * np.abs(np.sum(x * np.roll(y, -1, axis=-1) - y * np.roll(x, -1, axis=-1), axis=-1))


def plausible(quads: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """Mask of convex quads roughly inside the frame, with sane size and corner angles."""
    h, w = shape
    margin = 0.03 * max(h, w)  # a corner may sit just outside the frame (sheet cut off by the border)
    x, y = quads[..., 0], quads[..., 1]
    inside = np.all((x > -margin) & (x < w + margin) & (y > -margin) & (y < h + margin), axis=1)
    d1 = np.roll(quads, -1, axis=1) - quads
    d0 = np.roll(d1, 1, axis=1)
    cross = d0[..., 0] * d1[..., 1] - d0[..., 1] * d1[..., 0]
    convex = np.all(cross > 0, axis=1) | np.all(cross < 0, axis=1)
    lengths = np.linalg.norm(d1, axis=2)
    big = (quad_areas(quads) > MIN_AREA * h * w) & (lengths.min(axis=1) > MIN_SIDE * max(h, w))
    return inside & convex & big
