"""Choose the page outline among line-based candidates: local search, then a final ranking.

The strongest lines seed an exhaustive enumeration, but a faint or short page border can rank below dozens
of table rules, clutter edges and shadows. The best candidates are therefore improved one side at a time,
trying every detected line in place of each side; a candidate with three right sides becomes the page.
"""

from __future__ import annotations

import numpy as np

from portal.imaging.features import Features
from portal.imaging.quads import quads_on_lines
from portal.imaging.scoring import LineProfiles, band_contrast, score_line_quads

BEAM = 8  # candidates improved per round
ROUNDS = 3
POOL = 8  # candidates examined per beam slot when skipping near-copies
SAME_OUTLINE = 0.03  # corners closer than this fraction of the frame's long side: the same outline
FINALISTS = 30  # distinct best outlines re-ranked with the costlier region contrast
SHORTLIST = 600  # candidates looked through for the finalists
REGION_CONTRAST = 10.0  # Lab units: a clear difference between page and surroundings
REGION_WEIGHT = 0.3


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
    chosen: list[int] = []
    for i in order:
        if len(chosen) < BEAM and all(_moved(quads[i], quads[j]) > reach for j in chosen):
            chosen.append(int(i))
    return np.array(chosen, np.intp)


def _moved(a: np.ndarray, b: np.ndarray) -> float:
    """Largest distance between corresponding corners of two quads, over the four cyclic alignments."""
    return min(float(np.max(np.linalg.norm(np.roll(a, k, axis=0) - b, axis=1))) for k in range(4))


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
    final = scores[top] + region_term(band_contrast(features, quads[top]))
    best = int(np.argmax(final))
    return int(top[best]), float(final[best])


def region_term(contrast: np.ndarray) -> np.ndarray:
    """Bonus for outlines that separate two different regions on every side (a page, not a table or a rule)."""
    weakest_two = np.sort(np.minimum(contrast / REGION_CONTRAST, 1.0), axis=1)[:, :2]
    return REGION_WEIGHT * weakest_two.mean(axis=1)


def _distinct_best(quads: np.ndarray, scores: np.ndarray, reach: float) -> np.ndarray:
    """Indices of up to FINALISTS best candidates whose outlines differ by more than reach px.

    A table or a form yields dozens of near-identical rectangles from its many rules; without this they fill
    the final ranking and the page's own outline, a little weaker on edge support alone, never gets there.
    """
    order = np.argsort(-scores)[:SHORTLIST]
    shortlist = quads[order]
    turns = [np.roll(q, k, axis=1) for q in (shortlist, shortlist[:, ::-1]) for k in range(4)]
    aligned = np.stack(turns, axis=1)  # (S, 8 corner alignments, 4, 2): either direction, any start
    chosen: list[int] = []
    for rank, i in enumerate(order):
        if chosen:
            gaps = np.linalg.norm(aligned[chosen] - quads[i][None, None], axis=-1).max(axis=-1).min(axis=-1)
            if gaps.min() <= reach:
                continue
        chosen.append(rank)
        if len(chosen) == FINALISTS:
            break
    return order[chosen]
