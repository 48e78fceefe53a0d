"""find_document_corners on drawn photos: accuracy, corner order, occlusion, and saying 'no page'."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from portal.imaging import find_document_corners
from tests.support.scenes import desk, photo

TILTED = np.array([[212.0, 118.0], [598.0, 160.0], [561.0, 700.0], [150.0, 652.0]])


def corner_error(found: np.ndarray | None, truth: np.ndarray) -> float:
    assert found is not None, 'no sheet found'
    assert found.shape == (4, 2)
    return float(np.max(np.linalg.norm(found - truth, axis=1)))


def test_detector_finds_a_white_page_on_a_dark_textured_desk() -> None:
    image = photo(TILTED, desk((800, 760), (50, 70, 95), 40))
    assert corner_error(find_document_corners(image), TILTED) < 2.0


def test_detector_finds_a_white_page_on_a_light_grey_desk() -> None:
    image = photo(TILTED, desk((800, 760), (212, 212, 212), 6, seed=3))
    assert corner_error(find_document_corners(image), TILTED) < 2.5


def test_detector_puts_a_corner_hidden_by_a_dark_blob_where_the_sides_meet() -> None:
    image = photo(TILTED, desk((800, 760), (70, 60, 50), 20, seed=1))
    cv2.circle(image, (int(TILTED[2, 0]), int(TILTED[2, 1])), 45, (35, 30, 30), -1)
    assert corner_error(find_document_corners(image), TILTED) < 3.0


def test_detector_orders_corners_clockwise_from_the_one_nearest_the_top_left() -> None:
    turned = np.array([[560.0, 180.0], [600.0, 620.0], [170.0, 660.0], [140.0, 230.0]])  # a sheet lying on its side
    found = find_document_corners(photo(turned, desk((800, 760), (40, 40, 40), 10)))
    expected = turned[[3, 0, 1, 2]]  # (140, 230) has the smallest x + y
    assert corner_error(found, expected) < 2.0
    edges = np.roll(found, -1, axis=0) - found
    turns = edges[:, 0] * np.roll(edges, -1, axis=0)[:, 1] - edges[:, 1] * np.roll(edges, -1, axis=0)[:, 0]
    assert np.all(turns > 0)  # clockwise on screen (y pointing down)


def test_detector_reports_corners_in_input_pixels_for_a_large_photo() -> None:
    scale = 3.0
    image = photo(TILTED * scale, desk((2400, 2280), (60, 80, 60), 30, seed=2))
    assert corner_error(find_document_corners(image), TILTED * scale) < 3.0


def test_detector_accepts_grey_and_four_channel_images() -> None:
    image = photo(TILTED, desk((800, 760), (50, 70, 95), 40))
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    bgra = cv2.cvtColor(image, cv2.COLOR_BGR2BGRA)
    assert corner_error(find_document_corners(grey), TILTED) < 2.5
    assert corner_error(find_document_corners(bgra), TILTED) < 2.0


@pytest.mark.parametrize('value', [0, 128, 255])
def test_detector_finds_no_page_in_a_uniform_image(value: int) -> None:
    assert find_document_corners(np.full((600, 800, 3), value, np.uint8)) is None


def test_detector_finds_no_page_in_pure_noise() -> None:
    noise = np.random.default_rng(0).integers(0, 256, (600, 800, 3), dtype=np.uint8)
    assert find_document_corners(noise) is None


def test_detector_finds_no_page_in_an_empty_array() -> None:
    assert find_document_corners(np.zeros((0, 0, 3), np.uint8)) is None


def test_second_look_lowers_the_edge_thresholds_only() -> None:
    from portal.imaging.features import compute_features, sensitive

    features = compute_features(photo(TILTED, desk((800, 760), (212, 212, 212), 6, seed=3)))
    again = sensitive(features)
    assert again.fine.threshold < features.fine.threshold
    assert again.coarse.threshold <= features.coarse.threshold
    assert again.small is features.small
    assert again.scale == features.scale


def test_detector_finds_the_page_among_many_long_lines_running_one_way() -> None:
    """Joints of a light desk and lines of text give dozens of crisp lines in one direction, all stronger than the
    page's faint sides across them; those sides must still be tried (found nothing before seeds per direction)."""
    background = desk((800, 760), (200, 200, 200), 6, seed=4)
    for y in range(0, 800, 40):  # dark joints, nearly parallel to the page's top and bottom
        cv2.line(background, (0, y), (759, y + 40), (70, 70, 70), 2)
    image = photo(TILTED, background)
    assert corner_error(find_document_corners(image), TILTED) < 5.0


def test_detector_prefers_a_faint_page_border_to_the_crisp_table_inside_the_page() -> None:
    """Paper on a nearly white desk, slightly blurred and grainy: the table on the sheet has crisper sides than the
    sheet itself. The unconvincing first answer triggers a second, more sensitive look that finds the sheet."""
    image = cv2.GaussianBlur(photo(TILTED, desk((800, 760), (238, 238, 236), 4, seed=6)), (0, 0), 1.5)
    grain = np.random.default_rng(1).normal(0, 3, image.shape)
    image = np.clip(image + grain, 0, 255).astype(np.uint8)
    assert corner_error(find_document_corners(image), TILTED) < 3.0


def test_detector_prefers_a_faint_white_page_to_a_crisp_dark_phone_beside_it() -> None:
    """A dark phone on a light desk has the crispest outline in the photo; paper is lighter than what it lies on."""
    sheet = np.array([[80.0, 60.0], [440.0, 90.0], [410.0, 590.0], [50.0, 560.0]])
    background = desk((640, 800), (228, 228, 228), 6, seed=2)
    cv2.fillConvexPoly(background, np.array([[520, 200], [740, 220], [720, 600], [500, 580]], np.int32), (40, 45, 35))
    image = cv2.GaussianBlur(photo(sheet, background), (0, 0), 2.5)
    image = np.clip(image + np.random.default_rng(2).normal(0, 3, image.shape), 0, 255).astype(np.uint8)
    assert corner_error(find_document_corners(image), sheet) < 3.0


def test_final_choice_takes_the_page_around_a_box_that_scores_a_little_higher() -> None:
    """A table or a shadowed part lies inside the sheet, never the other way round: a slightly weaker outline that
    encloses the winner wins; a much weaker one, or one beside the winner, does not."""
    from portal.imaging.features import compute_features
    from portal.imaging.scoring import band_difference
    from portal.imaging.search import darker_term, pick, region_term

    features = compute_features(photo(TILTED, desk((800, 760), (60, 60, 60), 4)))
    sheet = TILTED / features.scale
    box = sheet.mean(axis=0) + (sheet - sheet.mean(axis=0)) * 0.6
    beside = box + np.array([400.0, 0.0]) / features.scale
    quads = np.stack([box, sheet, beside])
    difference = band_difference(features, quads)
    bonus = region_term(np.linalg.norm(difference, axis=-1)) - darker_term(difference[..., 0])
    edges = 1.0 - bonus  # edge scores that make all three outlines end up at exactly 1.0
    assert pick(features, quads, edges + np.array([0.05, 0.0, 0.0]))[0] == 1  # the sheet, 0.05 behind the box
    assert pick(features, quads, edges + np.array([0.3, 0.0, 0.0]))[0] == 0  # far behind: the box stays
    assert pick(features, quads[[2, 1]], (edges + np.array([0.0, 0.0, 0.05]))[[2, 1]])[0] == 0  # not around it


def test_a_page_running_off_the_photo_is_cut_at_the_frame_and_the_quality_check_says_so() -> None:
    """Held too close, the page's right part is not on the photo: its visible part ends at the frame's edge (not
    at a line of text), and the corners there make the quality check report the sheet as cut off."""
    from portal.imaging import check_quality

    sheet = np.array([[60.0, 80.0], [820.0, 60.0], [840.0, 760.0], [40.0, 740.0]])
    image = photo(sheet, desk((800, 760), (70, 60, 50), 10, seed=3))
    found = find_document_corners(image)
    assert found is not None
    assert found[1, 0] > 755 and found[2, 0] > 755  # the right corners sit on the frame's right edge
    assert np.max(np.linalg.norm(found[[0, 3]] - sheet[[0, 3]], axis=1)) < 3.0  # the left corners are the page's own
    assert 'cut_off' in check_quality(image, found)
