"""check_quality flags blurred, dark, glaring, cut-off and too-small pages, and passes clean ones."""

from __future__ import annotations

import cv2
import numpy as np

from portal.imaging import check_quality
from tests.support.scenes import desk, page_image, photo

CORNERS = np.array([[260.0, 170.0], [1010.0, 230.0], [960.0, 1300.0], [190.0, 1240.0]])


def clean_photo(corners: np.ndarray = CORNERS) -> np.ndarray:
    return photo(corners, desk((1500, 1200), (70, 80, 90), 20), page_image(900))


def test_quality_check_passes_a_clean_photo() -> None:
    assert check_quality(clean_photo(), CORNERS) == []


def test_quality_check_flags_a_blurred_photo() -> None:
    blurred = cv2.GaussianBlur(clean_photo(), (0, 0), 6)
    assert 'blurred' in check_quality(blurred, CORNERS)


def test_quality_check_flags_a_dark_photo() -> None:
    dark = (clean_photo().astype(np.float32) * 0.2).astype(np.uint8)
    assert 'too_dark' in check_quality(dark, CORNERS)


def test_quality_check_flags_glare_on_the_page() -> None:
    dim = (clean_photo().astype(np.float32) * 0.75).astype(np.uint8)
    cv2.ellipse(dim, ((600, 700), (300, 180), 30), (255, 255, 255), -1)
    assert 'glare' in check_quality(dim, CORNERS)


def test_quality_check_flags_a_page_touching_the_border() -> None:
    touching = CORNERS.copy()
    touching[0] = [0.0, 150.0]
    assert 'cut_off' in check_quality(clean_photo(touching), touching)


def test_quality_check_flags_a_page_that_is_too_small_to_read() -> None:
    small = CORNERS * 0.35 + 300
    problems = check_quality(clean_photo(small), small)
    assert 'too_small' in problems
    assert 'cut_off' not in problems
