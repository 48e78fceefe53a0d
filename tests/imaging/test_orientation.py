"""Finding which way up a sheet is from its text, and leaving it alone when the text does not tell."""
import cv2
import numpy as np
import pytest

from portal.imaging import find_orientation, rotate, upright_turns
from tests.support.photos import capitals_sheet

WORDS = ['Sehr', 'geehrte', 'Damen', 'und', 'Herren', 'hiermit', 'bestaetigen', 'wir', 'den', 'Eingang', 'Ihrer',
         'Unterlagen', 'Kontoauszug', 'Lohnabrechnung', 'Oktober', 'Betrag', 'Summe', 'Datum', 'Bearbeitung',
         'Jobcenter', 'Hauptstrasse', 'Musterstadt']


def text_sheet(seed: int, scale: float) -> np.ndarray:
    rng = np.random.default_rng(seed)
    sheet = np.full((1400, 1000, 3), 250, np.uint8)
    for line in range(24):
        words = ' '.join(rng.choice(WORDS, 5))
        cv2.putText(sheet, words, (60, 80 + int(line * 52 * scale)), cv2.FONT_HERSHEY_SIMPLEX, scale, (30, 30, 30),
                    max(1, int(2 * scale)), cv2.LINE_AA)
    return sheet


@pytest.mark.parametrize('scale', [0.5, 0.9])
@pytest.mark.parametrize('turns', [0, 1, 2, 3])
def test_a_text_page_in_any_orientation_is_turned_upright(turns: int, scale: float) -> None:
    photographed = rotate(text_sheet(7, scale), turns)
    assert (turns + upright_turns(photographed)) % 4 == 0


def test_a_page_without_text_is_left_as_it_is() -> None:
    blank = np.full((1400, 1000, 3), 245, np.uint8)
    cv2.circle(blank, (500, 700), 300, (90, 120, 200), -1)
    assert upright_turns(rotate(blank, 1)) == 0


def test_a_table_without_words_does_not_count_as_text() -> None:
    grid = np.full((1400, 1000, 3), 250, np.uint8)
    for offset in range(100, 1300, 60):
        cv2.line(grid, (80, offset), (920, offset), (40, 40, 40), 2)
    for offset in range(80, 940, 210):
        cv2.line(grid, (offset, 100), (offset, 1280), (40, 40, 40), 2)
    assert upright_turns(rotate(grid, 2)) == 0


def test_an_upload_of_a_sideways_page_starts_turned_upright() -> None:
    from portal.documents import prepare_scan
    from tests.support.photos import LIMITS

    desk = np.full((1300, 1700, 3), (60, 90, 120), np.uint8)
    desk[150:1150, 150:1550] = cv2.resize(rotate(text_sheet(3, 0.9), 1), (1400, 1000))
    _ok, jpeg = cv2.imencode('.jpg', desk, [cv2.IMWRITE_JPEG_QUALITY, 92])
    prepared = prepare_scan(jpeg.tobytes(), 'IMG_1.jpg', LIMITS)
    assert prepared.corners is not None
    assert prepared.quarter_turns == 3



@pytest.mark.parametrize('turns', [0, 1, 2, 3])
def test_text_in_capitals_is_never_called_upright_with_certainty(turns: int) -> None:
    found = find_orientation(rotate(capitals_sheet(), turns))
    assert not found.certain
    assert (turns + found.turns) % 2 == 0, 'lines lying sideways are turned level all the same'


@pytest.mark.parametrize('turns', [0, 1, 2, 3])
def test_ordinary_text_is_found_upright_with_certainty(turns: int) -> None:
    found = find_orientation(rotate(text_sheet(7, 0.9), turns))
    assert found.certain and (turns + found.turns) % 4 == 0
