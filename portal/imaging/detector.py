"""Find the corners of a paper sheet in a phone photo (classical computer vision, OpenCV + NumPy only).

Pipeline: downscale to a ~640 px working copy; find long straight edges with an orientation-aware Hough
transform; form quadrilaterals from pairs of roughly opposite lines; score each by edge support along its
sides, penalising sides that run on past the corners; then re-fit the winning sides on the full-resolution
image for sub-pixel corners. Sides come from fitted lines rather than contour corners, so a finger or a
folded corner does not move the corner: it is the intersection of the two neighbouring borders. When the
best outline is not convincing, the search runs once more with edge thresholds halved, for faint borders
(white paper on a light desk, under glare), and its answer is taken when it has one: with the lower
thresholds a faint sheet border gains full support and outscores a crisp rectangle inside the sheet (a
header band, a table, a fold). Scores of the two looks are not comparable (the second one's are inflated).
"""

from __future__ import annotations

import numpy as np

from portal.imaging.extend import extend
from portal.imaging.features import Features, compute_features, sensitive
from portal.imaging.geometry import order_corners
from portal.imaging.hough import detect_lines
from portal.imaging.quads import enumerate_quads
from portal.imaging.refine import refine_quad
from portal.imaging.scoring import LineProfiles, score_line_quads
from portal.imaging.search import improve, pick

HOUGH_PEAKS = 120  # accumulator peaks examined; satellites of strong edges take many of them
SEED_LINES = (15, 23)  # strongest distinct lines of each direction combined exhaustively into candidates
MIN_SEEDS = 20
MIN_SUPPORT = 20  # supported samples (2 px apart) a line needs to be seated for its contrast alone
MIN_SCORE = 0.45  # below this the best outline is mostly unsupported: report no sheet rather than a guess
CONVINCING = 1.25  # a clear sheet scores about 1.3 to 1.4 (see search.pick); below this, look again


def find_document_corners(image: np.ndarray) -> np.ndarray | None:
    """Corners (4x2 float, input pixels) of the sheet, clockwise from the one nearest the top-left, or None."""
    if image is None or image.size == 0 or image.ndim not in (2, 3):
        return None
    features = compute_features(image)
    quad, score = best_quad(features)
    if score < CONVINCING:  # faint borders (white paper on a light desk under glare): look again, more sensitively
        second, second_score = best_quad(sensitive(features))
        if second_score >= MIN_SCORE:
            quad, score = second, second_score
    if quad is None or score < MIN_SCORE:
        return None
    refined = refine_quad(image, quad * features.scale, features.scale)
    return order_corners(refined)


def best_quad(features: Features) -> tuple[np.ndarray | None, float]:
    """Best-scoring candidate outline in working-copy pixels and its score; (None, -inf) without candidates."""
    h, w = features.shape
    eq, _ = detect_lines(features.fine, features.coarse, max_lines=HOUGH_PEAKS)
    profiles = LineProfiles(features, eq)
    profiles = profiles.subset(profiles.distinct(profiles.strength(), len(eq)))  # strongest first
    for per_direction in SEED_LINES:  # few combinations among the strongest lines: widen the net if need be
        seeds = seed_lines(profiles.eq, per_direction)
        quads, idx = enumerate_quads(profiles.eq[seeds], (h, w))
        idx = seeds[idx]
        if len(quads) >= MIN_SEEDS:
            break
    if len(quads) < MIN_SEEDS:  # text, glare or shadow bands took every seat: seat the clearest region borders
        clearest = np.argsort(-profiles.contrast * (profiles.cum[:, -1] >= MIN_SUPPORT))
        seeds = np.union1d(seeds, clearest[seed_lines(profiles.eq[clearest], SEED_LINES[0])])
        quads, idx = enumerate_quads(profiles.eq[seeds], (h, w))
        idx = seeds[idx]
    if len(quads) == 0:
        return None, -np.inf
    scores = score_line_quads(profiles, quads, idx, float(h * w))
    quads, idx, scores = improve(profiles, quads, idx, scores, (h, w))
    best, score = pick(features, quads, scores)
    return extend(profiles, quads[best], idx[best], (h, w))[0], score


def seed_lines(eq: np.ndarray, per_direction: int) -> np.ndarray:
    """Indices of the strongest lines (eq sorted strongest first) along and across the strongest one.

    A sheet of text yields dozens of strong lines in one direction (rules, text bands, the edges of other
    sheets); taking the strongest overall could leave no line across them, and so no quadrilateral at all.
    """
    if len(eq) == 0:
        return np.zeros(0, np.intp)
    along = np.abs(eq[:, :2] @ eq[0, :2]) >= np.cos(np.radians(45.0))
    return np.concatenate([np.flatnonzero(along)[:per_direction], np.flatnonzero(~along)[:per_direction]])
