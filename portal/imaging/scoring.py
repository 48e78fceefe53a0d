"""Score candidate sheet outlines by how well the image supports them.

A side is supported where the colour gradient is strong and points across the side (an edge parallel to it);
random texture, text and noise give gradients in all directions and so support any line only weakly. Real
sheet corners end their sides: a border that runs on past a corner betrays an inner rectangle (a header band,
a table) or a larger object, so support found on the extensions beyond the corners is penalised.

Every side of a line-based candidate lies on a detected line, so support is sampled once per line into a
cumulative profile and each of thousands of candidates is then scored with a handful of look-ups.
"""

from __future__ import annotations

import warnings

import numpy as np

from portal.imaging.features import Features, Tensor
from portal.imaging.quads import quad_areas

ALIGN_RATIO = 4.0  # energy across the side at least 4x the energy along it: gradient within ~27 degrees
EXTENSION = 0.12  # look this fraction of a side's length beyond each corner
STEP = 2  # px between profile samples
END_GAP = 0.02  # ignore this fraction at each end of a side (rounded or folded corners, fingers)
SIDE_OFFSET = 4.0  # px off a line where its two sides are compared
SIDES_DIFFER = 10.0  # Lab units: a line with sides this different is a border between two regions


def supported(tensor: Tensor, pts: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Edge evidence in [0, 1] at each point (leading shape of pts): an edge across n within one pixel.

    Full credit from the edge threshold up, none below half of it, so a faint but straight border (white
    paper on a light desk) still adds up along its length while noise rarely reaches even the lower bound.
    """
    h, w = tensor.jxx.shape
    tau = tensor.threshold
    nx, ny = n[..., 0], n[..., 1]
    hit = np.zeros(pts.shape[:-1])
    for off in (-1.0, 0.0, 1.0):  # tolerate one pixel of misplacement (curled paper, fitting error)
        x = np.rint(pts[..., 0] + off * nx).astype(np.intp)
        y = np.rint(pts[..., 1] + off * ny).astype(np.intp)
        inside = (x >= 0) & (x < w) & (y >= 0) & (y < h)
        x, y = np.clip(x, 0, w - 1), np.clip(y, 0, h - 1)
        jxx, jxy, jyy = tensor.jxx[y, x], tensor.jxy[y, x], tensor.jyy[y, x]
        across = nx * nx * jxx + 2 * nx * ny * jxy + ny * ny * jyy
        along = jxx + jyy - across
        grade = np.clip((np.sqrt(np.maximum(across, 0)) - 0.5 * tau) / (0.5 * tau), 0.0, 1.0)
        hit = np.maximum(hit, grade * (inside & (across > ALIGN_RATIO * along)))
    return hit


class LineProfiles:
    """Cumulative edge evidence along each detected line, sampled every STEP px across the whole frame.

    Evidence is the mean of the fine-scale and the coarse-scale support: the fine scale places the border
    precisely, the coarse one confirms a step between two regions (the thin rules of a table and lines of
    text fade there, sheet borders do not).
    """

    def __init__(self, features: Features, eq: np.ndarray) -> None:
        h, w = features.shape
        self.reach = int(np.hypot(h, w) / 2) + 2  # every frame point is this close to the centre
        centre = np.array([w / 2.0, h / 2.0])
        self.eq = eq
        self.direction = np.stack([-eq[:, 1], eq[:, 0]], axis=1)
        self.origin = centre - (eq[:, :2] @ centre - eq[:, 2])[:, None] * eq[:, :2]  # foot of the centre
        t = np.arange(-self.reach, self.reach + 1, STEP, dtype=np.float64)
        pts = self.origin[:, None, :] + t[None, :, None] * self.direction[:, None, :]
        normals = np.broadcast_to(eq[:, None, :2], pts.shape)
        hits = 0.5 * (supported(features.fine, pts, normals) + supported(features.coarse, pts, normals))
        self.cum = np.concatenate([np.zeros((len(eq), 1)), np.cumsum(hits, axis=1)], axis=1)
        self.contrast = _sides_differ(features.lab, pts[:, ::3], eq[:, :2], hits[:, ::3] > 0.5)  # every 6 px

    def strength(self) -> np.ndarray:
        """Support of each line, discounted where its two sides look alike (a rule or a text line on paper)."""
        return self.cum[:, -1] * np.minimum(self.contrast / SIDES_DIFFER, 1.0)

    def position(self, line: np.ndarray, points: np.ndarray) -> np.ndarray:
        """Parameter t (px along the line from the foot of the frame centre) of points on the given lines."""
        return np.sum((points - self.origin[line]) * self.direction[line], axis=-1)

    def fraction(self, line: np.ndarray, t0: np.ndarray, t1: np.ndarray) -> np.ndarray:
        """Supported fraction of each line between parameters t0 < t1 (vectorised)."""
        top = self.cum.shape[1] - 1
        lo = np.clip(np.rint((t0 + self.reach) / STEP).astype(np.intp), 0, top)
        hi = np.clip(np.rint((t1 + self.reach) / STEP).astype(np.intp), 0, top)
        return (self.cum[line, hi] - self.cum[line, lo]) / np.maximum(hi - lo, 1)

    def distinct(self, strength: np.ndarray, keep: int) -> np.ndarray:
        """Indices of the strongest lines, skipping near-copies of a line already taken.

        A Hough peak comes with satellite peaks (slightly rotated lines through the middle of the same edge);
        two lines are copies when they are within 2 degrees and 2 px of each other where the first is supported.
        """
        total = self.cum[:, -1]
        ends = self._support_ends()  # (K, 2, 2)
        chosen: list[int] = []
        for i in np.argsort(-strength):
            if len(chosen) >= keep:
                break
            if total[i] < 1.0:
                continue
            if chosen:
                taken = np.array(chosen)
                parallel = np.abs(self.eq[taken, :2] @ self.eq[i, :2]) >= np.cos(np.radians(2.0))
                offsets = np.abs(ends[taken] @ self.eq[i, :2] - self.eq[i, 2])  # (C, 2)
                if np.any(parallel & np.all(offsets < 2.0, axis=1)):
                    continue
            chosen.append(int(i))
        return np.array(chosen, np.intp)

    def _support_ends(self) -> np.ndarray:
        """Points (K, 2, 2) where each line's support starts and ends (5th and 95th percentile)."""
        total = self.cum[:, -1:]
        lo = np.argmax(self.cum >= 0.05 * total, axis=1) * STEP - self.reach
        hi = np.argmax(self.cum >= 0.95 * total, axis=1) * STEP - self.reach
        start, end = self.origin + lo[:, None] * self.direction, self.origin + hi[:, None] * self.direction
        return np.stack([start, end], axis=1)

    def subset(self, rows: np.ndarray) -> LineProfiles:
        """Profiles of the given lines only (shares the sampled data)."""
        sub = object.__new__(LineProfiles)
        sub.reach, sub.eq, sub.cum, sub.contrast = self.reach, self.eq[rows], self.cum[rows], self.contrast[rows]
        sub.direction, sub.origin = self.direction[rows], self.origin[rows]
        return sub


def _sides_differ(lab: np.ndarray, pts: np.ndarray, normals: np.ndarray, edge: np.ndarray) -> np.ndarray:
    """Colour difference (K,) between the two sides of each line, a few px off it, where it is an edge."""
    h, w = lab.shape[:2]
    colours = []
    for sign in (1.0, -1.0):
        q = pts + sign * SIDE_OFFSET * normals[:, None, :]
        x = np.clip(np.rint(q[..., 0]).astype(np.intp), 0, w - 1)
        y = np.clip(np.rint(q[..., 1]).astype(np.intp), 0, h - 1)
        colours.append(lab[y, x])
    diff = np.where(edge[..., None], colours[0] - colours[1], np.nan)
    with warnings.catch_warnings():  # a line without any edge point has no median: it counts as no contrast
        warnings.simplefilter('ignore', RuntimeWarning)
        middle = np.nanmedian(np.abs(diff), axis=1)  # sign flips along a line that crosses dark and light
    return np.nan_to_num(np.linalg.norm(middle, axis=-1))


def score_line_quads(profiles: LineProfiles, quads: np.ndarray, idx: np.ndarray, frame_area: float) -> np.ndarray:
    """Scores of line-based candidates (see module docstring)."""
    ta = profiles.position(idx, quads)
    tb = profiles.position(idx, np.roll(quads, -1, axis=1))
    lo, hi = np.minimum(ta, tb), np.maximum(ta, tb)
    span = hi - lo
    sides = profiles.fraction(idx, lo + END_GAP * span, hi - END_GAP * span)
    before = profiles.fraction(idx, lo - EXTENSION * span, lo - END_GAP * span)
    after = profiles.fraction(idx, hi + END_GAP * span, hi + EXTENSION * span)
    return combine(sides, np.maximum(before, after), quad_areas(quads) / frame_area)


def combine(sides: np.ndarray, overrun: np.ndarray, area: np.ndarray) -> np.ndarray:
    """One number from per-side support (M, 4), per-side overrun (M, 4) and area fraction (M,)."""
    # the weakest side counts extra: three good borders and a made-up fourth is the classic false positive
    support = 0.75 * sides.mean(axis=1) + 0.25 * sides.min(axis=1)
    return support - 0.5 * overrun.mean(axis=1) + 0.15 * np.sqrt(area)


def score_quads(features: Features, quads: np.ndarray, samples: int = 64) -> np.ndarray:
    """Scores of arbitrary candidates by direct sampling (for outlines not lying on detected lines)."""
    h, w = features.shape
    sides = side_fraction(features, quads, samples, END_GAP, 1 - END_GAP)
    before = side_fraction(features, quads, samples // 4, -EXTENSION, -END_GAP)
    after = side_fraction(features, quads, samples // 4, 1 + END_GAP, 1 + EXTENSION)
    return combine(sides, np.maximum(before, after), quad_areas(quads) / (h * w))


def side_fraction(features: Features, quads: np.ndarray, samples: int, t0: float, t1: float) -> np.ndarray:
    """Mean evidence (M, 4) on each side between fractions t0 and t1 of its length."""
    p0 = quads
    p1 = np.roll(quads, -1, axis=1)
    t = np.linspace(t0, t1, samples)
    pts = p0[:, :, None, :] + (p1 - p0)[:, :, None, :] * t[None, None, :, None]
    d = p1 - p0
    n = np.stack([-d[..., 1], d[..., 0]], axis=-1) / (np.linalg.norm(d, axis=-1, keepdims=True) + 1e-9)
    normals = np.broadcast_to(n[:, :, None, :], pts.shape)
    return 0.5 * (supported(features.fine, pts, normals) + supported(features.coarse, pts, normals)).mean(axis=2)


def band_difference(features: Features, quads: np.ndarray, samples: int = 24, offset: float = 4.0) -> np.ndarray:
    """Median Lab colour (M, 4, 3) just inside each side minus the colour just outside it.

    A sheet border separates two regions; a rule, a table line or a line of text has paper on both sides.
    """
    lab = features.lab
    h, w = features.shape
    p0, p1 = quads, np.roll(quads, -1, axis=1)
    t = np.linspace(0.1, 0.9, samples)
    pts = p0[:, :, None, :] + (p1 - p0)[:, :, None, :] * t[None, None, :, None]
    d = p1 - p0
    n = np.stack([-d[..., 1], d[..., 0]], axis=-1) / (np.linalg.norm(d, axis=-1, keepdims=True) + 1e-9)
    outward = n * np.sign(np.sum(n * (p0 - quads.mean(axis=1, keepdims=True)), axis=-1, keepdims=True))
    colours = []
    for sign in (-1.0, 1.0):
        q = pts + sign * offset * outward[:, :, None, :]
        x = np.clip(np.rint(q[..., 0]).astype(np.intp), 0, w - 1)
        y = np.clip(np.rint(q[..., 1]).astype(np.intp), 0, h - 1)
        colours.append(lab[y, x])
    return np.median(colours[0] - colours[1], axis=2)
