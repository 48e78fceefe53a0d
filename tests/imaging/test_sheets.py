"""Flattening, aspect estimation, rotation and enhancement of sheet images."""

from __future__ import annotations

import numpy as np
import pytest

from portal.imaging import enhance, estimate_aspect, flatten_sheet, rotate
from tests.support.scenes import A4, desk, perspective_a4, photo, sheet_image


def side_ratio(quad: np.ndarray) -> float:
    sides = np.linalg.norm(np.roll(quad, -1, axis=0) - quad, axis=1)
    return float((sides[1] + sides[3]) / (sides[0] + sides[2]))


def test_aspect_estimate_sees_through_perspective_where_side_lengths_do_not() -> None:
    corners = perspective_a4(1200, 1600)
    assert abs(side_ratio(corners) - A4) > 0.05 * A4  # the naive estimate is clearly wrong ...
    assert 1 / estimate_aspect(corners, (1600, 1200)) == pytest.approx(A4, rel=0.01)  # ... this one is not


def test_flatten_page_gives_an_a4_page_for_an_a4_sheet_in_perspective() -> None:
    corners = perspective_a4(1200, 1600)
    flat = flatten_sheet(photo(corners, desk((1600, 1200), (60, 60, 60), 10)), corners)
    height, width = flat.shape[:2]
    assert height / width == pytest.approx(A4, rel=0.005)
    margin = height // 100
    for patch in (flat[margin : 3 * margin, margin : 3 * margin], flat[-3 * margin : -margin, -3 * margin : -margin]):
        assert patch.mean() > 230  # blank paper right into the corners: no desk left in the picture


def test_flatten_page_snaps_a_nearly_a4_outline_to_a4() -> None:
    square_on = np.array([[100, 100], [500, 100], [500, 660], [100, 660]], np.float64)  # 1.40, not 1.414
    flat = flatten_sheet(np.zeros((800, 600, 3), np.uint8), square_on)
    assert flat.shape[0] / flat.shape[1] == pytest.approx(A4, rel=0.002)


def test_flatten_page_keeps_an_odd_format_that_is_no_paper_size() -> None:
    receipt = np.array([[100, 100], [300, 100], [300, 700], [100, 700]], np.float64)  # 1:3
    flat = flatten_sheet(np.zeros((800, 600, 3), np.uint8), receipt)
    assert flat.shape[0] / flat.shape[1] == pytest.approx(3.0, rel=0.01)


def test_flatten_page_does_not_enlarge_a_small_page() -> None:
    small = np.array([[10, 10], [110, 10], [110, 151], [10, 151]], np.float64)
    flat = flatten_sheet(np.zeros((200, 200, 3), np.uint8), small)
    assert max(flat.shape[:2]) <= 142


def test_flatten_page_limits_the_long_side_of_a_huge_page() -> None:
    huge = np.array([[0, 0], [2999, 0], [2999, 4241], [0, 4241]], np.float64)
    flat = flatten_sheet(np.zeros((4242, 3000, 3), np.uint8), huge)
    assert max(flat.shape[:2]) == 2000


def test_rotate_turns_the_page_by_quarter_turns_clockwise() -> None:
    sheet = np.zeros((4, 6, 3), np.uint8)
    sheet[0, 0] = 255  # mark the top-left pixel
    turned = rotate(sheet, 1)
    assert turned.shape == (6, 4, 3)
    assert turned[0, -1].tolist() == [255, 255, 255]  # top-left went to top-right
    assert np.array_equal(rotate(sheet, 4), sheet)
    assert np.array_equal(rotate(sheet, -1), rotate(sheet, 3))


def shadowed_page() -> np.ndarray:
    """A sheet lit unevenly: a dark gradient from left to right and a soft shadow blob."""
    sheet = sheet_image(600).astype(np.float32)
    h, w = sheet.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    light = 0.55 + 0.45 * xx / w
    light *= 1 - 0.3 * np.exp(-((xx - 0.7 * w) ** 2 + (yy - 0.3 * h) ** 2) / (2 * (0.15 * w) ** 2))
    return np.clip(sheet * light[..., None], 0, 255).astype(np.uint8)


def paper_pixels(image: np.ndarray) -> np.ndarray:
    """Pixels of the shadowed sheet that are blank paper in the original drawing."""
    blank = sheet_image(600).min(axis=2) > 200
    return image[blank]


def test_enhance_document_makes_a_shadowed_page_uniformly_white() -> None:
    sheet = shadowed_page()
    assert paper_pixels(sheet).std() > 20  # the shadow is real
    clean = enhance(sheet, 'document')
    assert clean.ndim == 2
    assert paper_pixels(clean).mean() > 250
    assert paper_pixels(clean).std() < 4


def test_enhance_document_keeps_the_print_black() -> None:
    clean = enhance(shadowed_page(), 'document')
    ink = sheet_image(600).max(axis=2) < 80
    assert clean[ink].mean() < 60


def test_enhance_grey_and_colour_even_out_the_paper_and_keep_their_channels() -> None:
    sheet = shadowed_page()
    grey, colour = enhance(sheet, 'grey'), enhance(sheet, 'colour')
    assert grey.ndim == 2 and colour.shape == sheet.shape
    assert paper_pixels(grey).std() < 6
    assert paper_pixels(colour).std() < 6


def test_enhance_rejects_an_unknown_mode() -> None:
    with pytest.raises(ValueError, match='unknown enhancement mode'):
        enhance(sheet_image(), 'sepia')
