"""Synthetic photos of paper sheets for the imaging tests: drawn with OpenCV, deterministic, small.

The helpers are shared by the other test_imaging_* modules; the tests here check the helpers themselves.
"""

from __future__ import annotations

import numpy as np

from tests.support.scenes import desk, perspective_a4, photo


def test_scene_helper_puts_the_page_exactly_where_asked() -> None:
    corners = np.array([[100, 80], [500, 100], [480, 560], [90, 540]], np.float64)
    image = photo(corners, desk((640, 640), (60, 70, 80), 0))
    inside, outside = image[300, 300], image[20, 20]
    assert inside.mean() > 200
    assert outside.mean() < 100
    assert image[85, 100].mean() > 150  # just inside the top-left corner


def test_perspective_helper_makes_the_near_side_longer_than_the_far_side() -> None:
    corners = perspective_a4(1200, 1600)
    top, bottom = np.linalg.norm(corners[1] - corners[0]), np.linalg.norm(corners[2] - corners[3])
    assert max(top, bottom) > 1.1 * min(top, bottom)
