"""Choose the sheet outline among line-based candidates: local search, then a final ranking.

The strongest lines seed an exhaustive enumeration, but a faint or short sheet border can rank below dozens
of table rules, clutter edges and shadows. The best candidates are therefore improved one side at a time,
trying every detected line in place of each side; a candidate with three right sides becomes the sheet.
"""

from __future__ import annotations

import numpy as np

from portal.imaging.features import Features
from portal.imaging.quads import quad_areas, quads_on_lines
from portal.imaging.scoring import LineProfiles, band_difference, score_line_quads

BEAM = 8  # candidates improved per round
ROUNDS = 3
POOL = 8  # candidates examined per beam slot when skipping near-copies
SAME_OUTLINE = 0.03  # corners closer than this fraction of the frame's long side: the same outline
FINALISTS = 30  # distinct best outlines re-ranked with the costlier region contrast
SHORTLIST = 600  # candidates looked through for the finalists
REGION_CONTRAST = 10.0  # Lab units: a clear difference between sheet and surroundings
REGION_WEIGHT = 0.3
NESTED_MARGIN = 0.1  # an outline around the winner takes its place when it scores at most this much less
NESTED_GROWTH = 1.15  # and is at least this much larger
DARKER_FROM = 10.0  # 8-bit L units darker inside than outside before the penalty starts
DARKER_SPAN = 30.0  # and this much further until it is full
DARKER_WEIGHT = 0.3


def improve(
    profiles: LineProfiles, quads: np.ndarray, idx: np.ndarray, scores: np.ndarray, shape: tuple[int, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Add the candidates reachable from the best ones by swapping one side for another line."""
    frame = float(shape[0] * shape[1])
    for _ in range(ROUNDS):
        seeds = idx[_unique_best(quads, idx, scores, SAME_OUTLINE * max(shape))]
        trial = _one_side_swaps(seeds, len(profiles.eq))
        new_quads, new_idx = quads_on_lines(profiles.eq, trial, shape)
        if len(new_quads) == 0:
            break
        new_scores = score_line_quads(profiles, new_quads, new_idx, frame)
        quads = np.concatenate([quads, new_quads])
        idx = np.concatenate([idx, new_idx])
        scores = np.concatenate([scores, new_scores])
    return quads, idx, scores


def _unique_best(quads: np.ndarray, idx: np.ndarray, scores: np.ndarray, reach: float) -> np.ndarray:
    """Indices of the BEAM best candidates with distinct sets of lines and outlines more than reach px apart.

    Near-copies of the leader (a side on a neighbouring rule or line of text) would otherwise fill the whole
    beam, and a border that needs two swaps to be reached would never be tried.
    """
    keys = np.sort(idx, axis=1)
    _, first = np.unique(keys, axis=0, return_index=True)
    order = first[np.argsort(-scores[first])][: BEAM * POOL]
    return order[_spread(quads[order], reach, BEAM)]


def _spread(ranked: np.ndarray, reach: float, count: int) -> list[int]:
    """Positions of up to count outlines (best first) each more than reach px from every one taken before."""
    corners = _canonical(ranked)
    free = np.ones(len(ranked), bool)
    chosen: list[int] = []
    for rank in range(len(ranked)):
        if free[rank]:
            chosen.append(rank)
            if len(chosen) == count:
                break
            free &= np.square(corners - corners[rank]).sum(axis=2).max(axis=1) > reach * reach
    return chosen


def _canonical(quads: np.ndarray) -> np.ndarray:
    """The same outlines with corners clockwise from the one with the smallest x + y, so that two enumerations of
    one outline (from different lines, in either direction) compare corner by corner."""
    x, y = quads[..., 0], quads[..., 1]
    turn = np.sum(x * np.roll(y, -1, axis=1) - y * np.roll(x, -1, axis=1), axis=1)
    clockwise = np.where(turn[:, None, None] < 0, quads[:, ::-1], quads)  # y points down: positive is clockwise
    start = np.argmin(clockwise.sum(axis=2), axis=1)
    order = (start[:, None] + np.arange(4)[None]) % 4
    return np.take_along_axis(clockwise, order[..., None], axis=1)


def _one_side_swaps(seeds: np.ndarray, n_lines: int) -> np.ndarray:
    """All quadruples (M, 4) that differ from a seed in exactly one side."""
    trials = []
    lines = np.arange(n_lines)
    for k in range(4):
        t = np.repeat(seeds, n_lines, axis=0)
        t[:, k] = np.tile(lines, len(seeds))
        trials.append(t)
    trial = np.concatenate(trials)
    distinct = np.all(np.sort(trial, axis=1)[:, 1:] != np.sort(trial, axis=1)[:, :-1], axis=1)
    return trial[distinct]


def pick(features: Features, quads: np.ndarray, scores: np.ndarray) -> tuple[int, float]:
    """Index and final score of the best candidate after adding the region-contrast term to the finalists'."""
    top = _distinct_best(quads, scores, SAME_OUTLINE * max(features.shape))
    difference = band_difference(features, quads[top])
    final = scores[top] + region_term(np.linalg.norm(difference, axis=-1)) - darker_term(difference[..., 0])
    best = int(np.argmax(final))
    outer = np.flatnonzero(encloses(quads[top], quads[top[best]]) & (final >= final[best] - NESTED_MARGIN))
    if len(outer):  # a table, a box or a shadowed part of the sheet lies inside the sheet, never the other way
        best = int(outer[np.argmax(final[outer])])
    return int(top[best]), float(final[best])


def encloses(quads: np.ndarray, inner: np.ndarray) -> np.ndarray:
    """Mask of convex quads (M, 4, 2) that contain all four corners of inner and are clearly larger."""
    edges = np.roll(quads, -1, axis=1) - quads  # (M, 4, 2)
    rel = inner[None, None, :, :] - quads[:, :, None, :]  # (M, 4 sides, 4 points, 2)
    cross = edges[:, :, None, 0] * rel[..., 1] - edges[:, :, None, 1] * rel[..., 0]
    tolerance = 2.0 * np.linalg.norm(edges, axis=-1)[:, :, None]  # 2 px: shared sides are fitted separately
    inside = np.all(cross >= -tolerance, axis=(1, 2)) | np.all(cross <= tolerance, axis=(1, 2))
    return inside & (quad_areas(quads) > NESTED_GROWTH * quad_areas(inner[None])[0])


def darker_term(lighter_inside: np.ndarray) -> np.ndarray:
    """Penalty for outlines whose inside is clearly darker than their surroundings on most sides.

    Paper is nearly always lighter than what it lies on; a dark rectangle (a phone, a folder, a notebook) among
    clutter is the classic distractor. A sheet in shadow next to a sunlit desk is only a little darker, and
    a white sheet on a white desk is not darker at all, so the penalty starts well below zero.
    """
    typical = np.median(lighter_inside, axis=1)
    return DARKER_WEIGHT * np.clip((-typical - DARKER_FROM) / DARKER_SPAN, 0.0, 1.0)


def region_term(contrast: np.ndarray) -> np.ndarray:
    """Bonus for outlines that separate two different regions on every side (a sheet, not a table or a rule)."""
    weakest_two = np.sort(np.minimum(contrast / REGION_CONTRAST, 1.0), axis=1)[:, :2]
    return REGION_WEIGHT * weakest_two.mean(axis=1)


def _distinct_best(quads: np.ndarray, scores: np.ndarray, reach: float) -> np.ndarray:
    """Indices of up to FINALISTS best candidates whose outlines differ by more than reach px.

    A table or a form yields dozens of near-identical rectangles from its many rules; without this they fill
    the final ranking and the page's own outline, a little weaker on edge support alone, never gets there.
    """
    order = np.argsort(-scores)[:SHORTLIST]
    return order[_spread(quads[order], reach, FINALISTS)]
