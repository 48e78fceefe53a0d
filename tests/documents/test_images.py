"""Small generated inputs for the document tests (photos of a sheet, crafted headers, PDFs), and checks that
the generated photos are what the other tests take them for."""

import numpy as np

from portal.documents import prepare_scan
from tests.support.photos import LIMITS, jpeg_header, png_header, sheet_photo


def test_the_generated_photo_is_found_where_the_page_was_drawn() -> None:
    data, corners = sheet_photo()
    prepared = prepare_scan(data, 'IMG_0001.jpg', LIMITS)
    assert prepared.corners is not None
    assert np.abs(np.array(prepared.corners) - corners).max() < 12


def test_the_crafted_headers_claim_the_sizes_asked_for() -> None:
    from portal.documents.intake import dimensions
    assert dimensions('png', png_header(20_000, 15_000)) == (20_000, 15_000)
    assert dimensions('jpeg', jpeg_header(30_000, 20_000)) == (30_000, 20_000)
