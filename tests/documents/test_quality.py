"""Quality warnings follow the corners: when the person moves them, the photo is judged again for the scan
they now enclose, and the judgement is kept unless the corners moved again meanwhile."""
import pytest

from portal.core.errors import InvalidInput
from portal.documents import judge_scan, prepare_scan
from portal.documents.pdfinput import sheet_preview
from portal.documents.render import decode_image
from portal.identity.roles import Actor
from portal.imaging import rotate
from portal.services import Portal
from tests.support.capture import blocking, upload
from tests.support.photos import LIMITS, capitals_sheet, sheet_photo, sheets_pdf, text_sheet

PHOTO, TRUE_CORNERS = sheet_photo()  # 900 x 1200
FOUND = [[float(x), float(y)] for x, y in TRUE_CORNERS]


def with_corner(corners: list[list[float]], index: int, point: list[float]) -> list[list[float]]:
    return [point if at == index else corner for at, corner in enumerate(corners)]


def photo_scan(portal: Portal, anna: Actor) -> tuple[int, int]:
    """A draft with the test photo as its only scan; returns the draft's and the page's ids."""
    draft = portal.documents.start(anna, 'letter')
    draft = blocking(upload(portal, anna, PHOTO, draft_id=draft.id))
    return draft.id, draft.scans[0].id


def test_the_found_page_reads_well_but_corners_on_the_edge_or_close_together_do_not() -> None:
    assert judge_scan(PHOTO, FOUND) == ()
    assert judge_scan(PHOTO, with_corner(FOUND, 0, [0.0, 0.0])) == ('cut_off',)
    middle = [[350.0, 450.0], [550.0, 450.0], [550.0, 750.0], [350.0, 750.0]]
    assert 'too_small' in judge_scan(PHOTO, middle)
    with pytest.raises(InvalidInput):
        judge_scan(b'\xff\xd8\xff\xe0 not really a photo', FOUND)


async def test_moved_corners_are_judged_again_and_the_warning_is_kept(portal: Portal, anna: Actor) -> None:
    draft_id, scan_id = photo_scan(portal, anna)
    draft = portal.documents.draft(anna, draft_id)
    assert draft.scans[0].quality == ()
    moved = with_corner(FOUND, 0, [0.0, 0.0])
    draft = portal.documents.edit_scan(anna, scan_id, corners=moved, mode='document', quarter_turns=0,
                                       version=draft.version)
    judged = await portal.documents.judge(anna, scan_id, moved)
    assert judged.scans[0].quality == ('cut_off',)
    assert judged.version == draft.version  # advice only: an open editor's next change is no conflict
    back = portal.documents.edit_scan(anna, scan_id, corners=FOUND, mode='document', quarter_turns=0,
                                      version=judged.version)
    await portal.documents.judge(anna, scan_id, FOUND)
    assert portal.documents.draft(anna, draft_id).scans[0].quality == ()
    assert back.scans[0].corners == FOUND


async def test_a_judgement_of_corners_moved_again_meanwhile_is_dropped(portal: Portal, anna: Actor) -> None:
    draft_id, scan_id = photo_scan(portal, anna)
    first = with_corner(FOUND, 0, [0.0, 0.0])
    draft = portal.documents.edit_scan(anna, scan_id, corners=first, mode='document', quarter_turns=0,
                                       version=portal.documents.draft(anna, draft_id).version)
    portal.documents.edit_scan(anna, scan_id, corners=FOUND, mode='document', quarter_turns=0,
                               version=draft.version)
    late = await portal.documents.judge(anna, scan_id, first)
    assert late.scans[0].quality == ()
    assert late.scans[0].corners == FOUND


def test_unknown_quality_codes_are_refused(portal: Portal, anna: Actor) -> None:
    _, scan_id = photo_scan(portal, anna)
    with pytest.raises(InvalidInput):
        portal.documents.record_quality(anna, scan_id, corners=FOUND, quality=['blurred', 'haunted'])


def test_every_page_of_an_imported_pdf_can_be_shown_and_turned() -> None:
    pdf = sheets_pdf(255, 0, 255)
    assert float(decode_image(sheet_preview(pdf, 0, 0)).mean()) > 200
    second = decode_image(sheet_preview(pdf, 1, 0))
    assert float(second.mean()) < 50
    assert second.shape[0] > second.shape[1]  # upright A4
    turned = decode_image(sheet_preview(pdf, 1, 1))
    assert turned.shape[1] > turned.shape[0]
    with pytest.raises(InvalidInput):
        sheet_preview(pdf, 3, 0)


def test_an_upside_down_page_whose_top_cannot_be_told_is_not_called_good_to_read() -> None:
    upside_down, _ = sheet_photo(sheet=rotate(capitals_sheet(1240, 1754), 2))
    prepared = prepare_scan(upside_down, 'IMG.jpg', LIMITS)
    assert 'orientation_unclear' in prepared.quality


def test_a_sideways_page_whose_top_cannot_be_told_is_at_least_turned_level_and_marked() -> None:
    sideways, _ = sheet_photo(1200, 900, sheet=rotate(capitals_sheet(1240, 1754), 1))
    prepared = prepare_scan(sideways, 'IMG.jpg', LIMITS)
    assert prepared.quarter_turns % 2 == 1
    assert 'orientation_unclear' in prepared.quality


def test_a_page_left_upside_down_after_turning_is_said_to_be_upside_down() -> None:
    upside_down, corners = sheet_photo(sheet=rotate(text_sheet(), 2))
    prepared = prepare_scan(upside_down, 'IMG.jpg', LIMITS)
    assert prepared.quarter_turns == 2 and prepared.quality == ()  # turned upright by itself: reads well
    found = [[float(x), float(y)] for x, y in corners]
    assert judge_scan(upside_down, found, quarter_turns=0) == ('not_upright',)
    assert judge_scan(upside_down, found, quarter_turns=2) == ()


async def test_a_page_the_person_turned_upside_down_is_said_to_be_upside_down(portal: Portal, anna: Actor) -> None:
    upside_down, _ = sheet_photo(sheet=rotate(text_sheet(), 2))
    draft = portal.documents.start(anna, 'letter')
    scan = (await upload(portal, anna, upside_down, draft_id=draft.id)).scans[0]
    assert scan.quarter_turns == 2 and scan.quality == ()  # turned upright by itself: reads well
    draft = portal.documents.edit_scan(anna, scan.id, corners=scan.corners, mode=scan.mode, quarter_turns=0,
                                       version=portal.documents.draft(anna, draft.id).version)
    judged = await portal.documents.judge(anna, scan.id, scan.corners, 0)
    assert judged.scans[0].quality == ('not_upright',)
    portal.documents.edit_scan(anna, scan.id, corners=scan.corners, mode=scan.mode, quarter_turns=2,
                               version=judged.version)
    late = await portal.documents.judge(anna, scan.id, scan.corners, 0)  # a judgement of the turns before
    assert late.scans[0].quality == ('not_upright',)  # dropped: it is still the earlier judgement's result
    assert (await portal.documents.judge(anna, scan.id, scan.corners, 2)).scans[0].quality == ()
