"""Find long straight edges with an orientation-aware, strength-weighted Hough transform.

Each edge pixel votes only for lines within a degree of its own gradient direction, and with a weight that
saturates at a clear edge. A faint but long sheet border (white paper on a light grey desk, a blurred photo)
therefore collects as many votes as a crisp one of the same length, while text and texture, whose
gradients point every which way, spread their votes thinly.
"""

from __future__ import annotations

import cv2
import numpy as np

from portal.imaging.features import Tensor, orientation

THETA_BINS = 360  # 0.5 degree bins over [0, pi)
SPREAD = 4  # vote into +-4 neighbouring angle bins (+-2 degrees): local gradient directions are that rough
MIN_COHERENCE = 0.5  # one dominant direction in the neighbourhood (an edge, not a corner or noise)


def detect_lines(fine: Tensor, coarse: Tensor, max_lines: int = 40) -> tuple[np.ndarray, np.ndarray]:
    """Up to max_lines lines (K, 3) in normal form (cos t, sin t, rho), strongest first, and their votes (K,)."""
    h, w = fine.jxx.shape
    acc, offset = _accumulate(fine, coarse)
    smooth = cv2.GaussianBlur(acc, (3, 3), 0)  # a line between bins splits its votes over 2x2 cells
    peaks = _peaks(smooth, min_votes=0.01 * max(h, w), count=max_lines)
    lines = []
    for t, r in peaks:
        dt, dr = _subbin(smooth, t, r)
        theta = (t + dt) * np.pi / THETA_BINS
        lines.append((np.cos(theta), np.sin(theta), r + dr - offset))
    votes = np.array([smooth[t, r] for t, r in peaks], np.float64)
    return np.array(lines, np.float64).reshape(-1, 3), votes


def _accumulate(fine: Tensor, coarse: Tensor) -> tuple[np.ndarray, int]:
    """Vote accumulator (THETA_BINS, rho bins) and the rho offset of bin 0.

    Crests of the fine-scale gradient vote (precise position and direction), weighted by the edge strength at
    both scales: letters are strong edges at the fine scale but melt into grey at the coarse one.
    """
    h, w = fine.jxx.shape
    strength, theta, coherence = orientation(fine)
    ys, xs = np.nonzero(ridges(strength, theta, 0.5 * fine.threshold) & (coherence > MIN_COHERENCE))
    coarse_strength = np.sqrt(coarse.jxx[ys, xs] + coarse.jyy[ys, xs])
    weight = np.minimum(strength[ys, xs] / fine.threshold, 1.0) * np.minimum(coarse_strength / coarse.threshold, 1.0)
    tbin = np.rint(theta[ys, xs] * (THETA_BINS / np.pi)).astype(np.intp)
    offset = w + 1  # rho ranges over [-w, diagonal] for angles in [0, pi)
    n_rho = offset + int(np.hypot(h, w)) + 2
    cos_t = np.cos(np.arange(THETA_BINS) * np.pi / THETA_BINS)
    sin_t = np.sin(np.arange(THETA_BINS) * np.pi / THETA_BINS)
    flat_idx, flat_w = [], []
    for d in range(-SPREAD, SPREAD + 1):
        t = np.mod(tbin + d, THETA_BINS)
        rho = np.rint(xs * cos_t[t] + ys * sin_t[t]).astype(np.intp) + offset
        flat_idx.append(t * n_rho + rho)
        flat_w.append(weight)
    acc = np.bincount(np.concatenate(flat_idx), np.concatenate(flat_w), minlength=THETA_BINS * n_rho)
    return acc.reshape(THETA_BINS, n_rho).astype(np.float32), offset


def ridges(strength: np.ndarray, theta: np.ndarray, low: float) -> np.ndarray:
    """Thin edge mask: pixels stronger than low and than both neighbours across the edge (Canny's suppression).

    Only the crest of an edge votes: a blurred, high-contrast border is several pixels wide above any threshold,
    and letting all of it vote would leave the line free to tilt within that band.
    """
    k = 1000.0 / max(float(strength.max()), 1e-6)  # int16 gradients for cv2.Canny, with headroom
    dx = np.rint(np.cos(theta) * strength * k).astype(np.int16)
    dy = np.rint(np.sin(theta) * strength * k).astype(np.int16)
    thr = max(low * k, 1.0)
    return cv2.Canny(dx, dy, thr, thr, L2gradient=True) > 0


def _peaks(smooth: np.ndarray, min_votes: float, count: int) -> list[tuple[int, int]]:
    """Local maxima (suppression over +-1.5 degrees and +-1 px: a sheet edge and its contact shadow are close)."""
    dil = cv2.dilate(smooth, np.ones((7, 3), np.uint8))
    ts, rs = np.nonzero((smooth >= dil) & (smooth > min_votes))
    order = np.argsort(-smooth[ts, rs])[:count]
    return [(int(ts[i]), int(rs[i])) for i in order]


def _subbin(acc: np.ndarray, t: int, r: int) -> tuple[float, float]:
    """Parabolic interpolation of a peak's position in both accumulator axes."""

    def vertex(a: float, b: float, c: float) -> float:
        den = a - 2 * b + c
        return 0.0 if den >= 0 else float(np.clip(0.5 * (a - c) / den, -0.5, 0.5))

    nt, nr = acc.shape
    dt = vertex(acc[(t - 1) % nt, r], acc[t, r], acc[(t + 1) % nt, r])
    dr = vertex(acc[t, r - 1], acc[t, r], acc[t, min(r + 1, nr - 1)]) if r > 0 else 0.0
    return dt, dr
