"""Plane geometry helpers for sheet detection: corner order, lines, intersections and quad sanity.

Lines are stored in normal form ``(nx, ny, c)`` with ``nx * x + ny * y = c`` and a unit normal, which makes
point-to-line distances a dot product and intersections a 2x2 solve.
"""

from __future__ import annotations

import numpy as np


def order_corners(points: np.ndarray) -> np.ndarray:
    """Order four points clockwise on screen (y down), starting with the one nearest the top-left."""
    p = np.asarray(points, dtype=np.float64).reshape(4, 2)
    centre = p.mean(axis=0)
    p = p[np.argsort(np.arctan2(p[:, 1] - centre[1], p[:, 0] - centre[0]))]
    # smallest x + y is the corner nearest the image's top-left, the convention the scorer and callers use
    return np.roll(p, -int(np.argmin(p.sum(axis=1))), axis=0)


def line_through(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Normal-form line through two points."""
    d = np.asarray(q, np.float64) - np.asarray(p, np.float64)
    n = np.array([-d[1], d[0]]) / max(float(np.hypot(d[0], d[1])), 1e-12)
    return np.array([n[0], n[1], float(n @ np.asarray(p, np.float64))])


def fit_line(points: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """Weighted total-least-squares line through points (orthogonal distances, not y-on-x)."""
    pts = np.asarray(points, np.float64).reshape(-1, 2)
    w = np.ones(len(pts)) if weights is None else np.asarray(weights, np.float64)
    w = w / max(float(w.sum()), 1e-12)
    mean = w @ pts
    centred = pts - mean
    cov = (centred * w[:, None]).T @ centred
    # the normal is the eigenvector of the smallest eigenvalue of the scatter matrix
    _, vecs = np.linalg.eigh(cov)
    n = vecs[:, 0]
    return np.array([n[0], n[1], float(n @ mean)])


def intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray | None:
    """Intersection of two normal-form lines, None when they are (nearly) parallel."""
    det = a[0] * b[1] - a[1] * b[0]
    if abs(det) < 1e-9:
        return None
    x = (a[2] * b[1] - a[1] * b[2]) / det
    y = (a[0] * b[2] - a[2] * b[0]) / det
    return np.array([x, y])


def is_convex(quad: np.ndarray) -> bool:
    """True when all turns have the same sign (a proper, non-self-intersecting convex quadrilateral)."""
    d1 = np.roll(quad, -1, axis=0) - quad
    d2 = np.roll(d1, -1, axis=0)
    cross = d1[:, 0] * d2[:, 1] - d1[:, 1] * d2[:, 0]
    return bool(np.all(cross > 0) or np.all(cross < 0))


def point_line_distance(points: np.ndarray, line: np.ndarray) -> np.ndarray:
    """Signed distance of points to a normal-form line."""
    return np.asarray(points, np.float64).reshape(-1, 2) @ line[:2] - line[2]
