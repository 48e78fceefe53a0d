"""Sub-pixel refinement of a sheet outline on the full-resolution image.

The working copy places each border to within a pixel or two of the working copy, i.e. several pixels of a
12-megapixel photo. Here each side is re-measured on the original: short colour profiles across the side are
read at a few dozen places (only those pixels are touched, so this costs about a millisecond), the steepest
step in each profile is located to a fraction of a pixel, and a robust line fit through those points rejects
places where a finger, a fold or a shadow hides the border. Corners are the intersections of the new sides.
"""

from __future__ import annotations

import cv2
import numpy as np

from portal.imaging.geometry import fit_line, intersect, is_convex, line_through, point_line_distance

PLACES = 48  # profiles per side
SEARCH = 3.0  # search +- this many working-copy pixels across the side
MIN_INLIERS = 0.35  # fraction of places that must agree for a side to be replaced


def refine_quad(image: np.ndarray, quad: np.ndarray, scale: float) -> np.ndarray:
    """Quad (4x2, input pixels, cyclic order) with each side re-fitted on the full-resolution image."""
    lines = [line_through(quad[k], quad[(k + 1) % 4]) for k in range(4)]
    for _ in range(2):  # the second pass profiles along the improved sides, with a narrower search
        new_quad = _corners(lines)
        if new_quad is None:
            return quad
        refits = [_refit(image, new_quad, k, scale) for k in range(4)]
        lines = [old if new is None else new for old, new in zip(lines, refits, strict=True)]
    refined = _corners(lines)
    if refined is None or not is_convex(refined) or np.max(np.linalg.norm(refined - quad, axis=1)) > 8 * scale:
        return quad  # refinement went astray (a strong nearby edge); keep the working-copy estimate
    return refined


def _corners(lines: list[np.ndarray]) -> np.ndarray | None:
    corners = [intersect(lines[k - 1], lines[k]) for k in range(4)]
    return None if any(c is None for c in corners) else np.array(corners)


def _refit(image: np.ndarray, quad: np.ndarray, k: int, scale: float) -> np.ndarray | None:
    """Re-measured line of side k, or None when too few places show a clear step."""
    p0, p1 = quad[k], quad[(k + 1) % 4]
    points, strength = _edge_points(image, p0, p1, quad.mean(axis=0), scale)
    if len(points) < MIN_INLIERS * PLACES:
        return None
    return _robust_line(points, strength, tolerance=max(1.0, 0.3 * scale))


def _edge_points(
    image: np.ndarray, p0: np.ndarray, p1: np.ndarray, centre: np.ndarray, scale: float
) -> tuple[np.ndarray, np.ndarray]:
    """Steepest-step positions (P, 2) across the side at PLACES places, with the step heights (P,)."""
    along = (p1 - p0) / max(float(np.linalg.norm(p1 - p0)), 1e-9)
    normal = np.array([-along[1], along[0]])
    if normal @ (p0 - centre) < 0:
        normal = -normal  # profiles run from inside the sheet to outside
    reach = SEARCH * scale + 2.0
    step = max(0.5, scale / 4.0)
    offsets = np.arange(-reach, reach + step / 2, step)
    t = np.linspace(0.04, 0.96, PLACES)
    width = np.linspace(-0.75, 0.75, 5) * max(scale, 1.0)  # average along the side to beat sensor noise
    base = p0[None, :] + t[:, None] * (p1 - p0)[None, :]
    pts = (
        base[:, None, None, :] + offsets[None, :, None, None] * normal + width[None, None, :, None] * along
    )  # (PLACES, J, W, 2)
    prof = _sample(image, pts).mean(axis=2)  # (PLACES, J, C)
    return _steps(prof, base, normal, offsets, step)


def _sample(image: np.ndarray, pts: np.ndarray) -> np.ndarray:
    """Bilinear samples (..., C) of the image at float positions (..., 2)."""
    shape = pts.shape[:-1]
    flat = pts.reshape(1, -1, 2).astype(np.float32)
    out = cv2.remap(image, flat[..., 0], flat[..., 1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    return out.reshape(*shape, -1).astype(np.float32)


def _steps(
    prof: np.ndarray, base: np.ndarray, normal: np.ndarray, offsets: np.ndarray, step: float
) -> tuple[np.ndarray, np.ndarray]:
    """Locate the steepest inside-to-outside change in each profile, to a fraction of a sample."""
    contrast = np.median(prof[:, -3:, :].mean(axis=1) - prof[:, :3, :].mean(axis=1), axis=0)
    norm = float(np.linalg.norm(contrast))
    if norm < 1e-6:
        return np.zeros((0, 2)), np.zeros(0)
    signal = prof @ (contrast / norm)  # project colours on this side's page-to-surroundings difference
    signal = cv2.GaussianBlur(signal.astype(np.float32), (0, 1), 1.0)  # smooth along each profile only
    grad = np.gradient(signal, axis=1)
    j = np.argmax(grad[:, 1:-1], axis=1) + 1
    rows = np.arange(len(j))
    peak = grad[rows, j]
    noise = 1.4826 * np.median(np.abs(grad - np.median(grad))) + 1e-6
    ok = peak > max(4.0 * noise, 0.25 * float(np.median(peak)))
    a, b, c = grad[rows, j - 1], peak, grad[rows, j + 1]
    den = a - 2 * b + c
    sub = np.where(den < 0, 0.5 * (a - c) / np.where(den < 0, den, -1.0), 0.0)
    pos = offsets[j] + np.clip(sub, -0.5, 0.5) * step
    points = base + pos[:, None] * normal[None, :]
    return points[ok], peak[ok]


def _robust_line(points: np.ndarray, weight: np.ndarray, tolerance: float) -> np.ndarray | None:
    """Line through most points: fit, drop points far off, refit (a finger or fold is a minority)."""
    keep = np.ones(len(points), bool)
    line = fit_line(points, weight)
    for _ in range(3):
        resid = np.abs(point_line_distance(points, line))
        spread = max(tolerance, 2.5 * 1.4826 * float(np.median(resid[keep])))
        keep = resid < spread
        if keep.sum() < MIN_INLIERS * PLACES:
            return None
        line = fit_line(points[keep], weight[keep])
    return line
