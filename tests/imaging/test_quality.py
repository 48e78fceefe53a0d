"""check_quality flags blurred, dark, glaring, cut-off and too-small sheets, and passes clean ones."""

from __future__ import annotations

import cv2
import numpy as np

from portal.imaging import check_quality
from tests.support.scenes import desk, photo, sheet_image

CORNERS = np.array([[260.0, 170.0], [1010.0, 230.0], [960.0, 1300.0], [190.0, 1240.0]])


def clean_photo(corners: np.ndarray = CORNERS) -> np.ndarray:
    return photo(corners, desk((1500, 1200), (70, 80, 90), 20), sheet_image(900))


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


def test_a_low_resolution_photo_of_a_page_filling_the_frame_asks_for_more_pixels_not_to_go_closer() -> None:
    frame = (640, 480)  # height, width: an old phone, or a camera set to its smallest picture size
    corners = np.array([[30.0, 25.0], [450.0, 30.0], [455.0, 615.0], [25.0, 610.0]])
    image = photo(corners, desk(frame, (70, 80, 90), 20), sheet_image(900))
    problems = check_quality(image, corners)
    assert 'low_resolution' in problems
    assert 'too_small' not in problems


def test_a_page_far_away_in_a_good_photo_is_still_told_to_go_closer() -> None:
    small = CORNERS * 0.45 + 250
    problems = check_quality(clean_photo(small), small)
    assert 'too_small' in problems
    assert 'low_resolution' not in problems


def test_a_cut_off_page_gets_one_piece_of_advice_not_closer_and_further_at_once() -> None:
    corner = CORNERS * 0.3 + np.array([0.0, 400.0])
    corner[:, 0] -= corner[:, 0].min()  # the page's left edge runs off the photo
    problems = check_quality(clean_photo(corner), corner)
    assert 'cut_off' in problems
    assert 'too_small' not in problems
