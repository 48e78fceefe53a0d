"""Capturing documents through the scans, as a customer would: from a request to a receipt.

Photos go through the real upload route (``user.http_client``); the camera element's events are played
with ``trigger`` the way ``camera.js`` sends them after an upload.
"""
from datetime import date

import cv2
import numpy as np
import pytest
from nicegui.testing import User

from components.documents.camera import DocumentCamera
from components.documents.corner_editor import CornerEditor
from portal.documents import prepare_scan
from portal.identity.roles import Actor
from portal.imaging import rotate
from portal.services import Portal
from tests.support import capture
from tests.support.personas import PASSWORD, World, actor_of, enrol_totp
from tests.support.photos import LIMITS, capitals_sheet, sheet_photo, sheets_pdf
from tests.support.ui import eventually, sign_in

pytestmark = pytest.mark.usefixtures('app_env')

PHOTO, _ = sheet_photo()
DUE = date(2026, 12, 18)


def ask_for_pay_slip(portal: Portal, world: World) -> int:
    carla = actor_of(portal, world.caseworker_a)
    return portal.inbox.request(carla, world.citizen_a.id, 'pay_slip', DUE, 'Oktober').id


async def upload(user: User, draft_id: int, key: str) -> dict:
    response = await user.http_client.post(f'/api/documents/drafts/{draft_id}/scans', content=PHOTO,
                                           headers={'X-Upload-Key': key, 'X-File-Name': 'IMG.jpg'})
    assert response.status_code == 201, response.text
    user.find(DocumentCamera).trigger('uploaded', response.json())  # what camera.js does with the answer
    return response.json()


async def open_draft(user: User, portal: Portal, world: World, anna: Actor) -> int:
    """Sign in as Anna, answer the pay-slip request from the documents scan; return the new draft's id."""
    request_id = ask_for_pay_slip(portal, world)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.open('/documents')
    await user.should_see('Lohn- oder Gehaltsabrechnung')
    await user.should_see('Bitte bis zum 18.12.2026 senden')
    user.find(marker=f'send-request-{request_id}').click()
    await user.should_see(marker='camera')
    (draft,) = portal.documents.overview(anna).drafts
    assert (draft.kind, draft.request_id) == ('pay_slip', request_id)
    return draft.id


async def test_a_photo_from_a_request_shows_its_corners_and_quality(user: User, portal: Portal, world: World,
                                                                     anna: Actor) -> None:
    draft_id = await open_draft(user, portal, world, anna)
    await upload(user, draft_id, 'photo-1')
    await user.should_see('Seite 1 prüfen')
    await user.should_see(marker='quality-ok')
    (editor,) = user.find(CornerEditor).elements
    scan = portal.documents.draft(anna, draft_id).scans[0]
    assert editor.props['corners'] == [[x * scan.scale, y * scan.scale] for x, y in scan.corners]
    assert editor.props['src'] == f'/api/documents/scans/{scan.id}/preview.jpg'


async def photo_under_review(user: User, portal: Portal, world: World, anna: Actor) -> tuple[int, object, list]:
    """A draft with one uploaded photo open in the corner editor: its id, the scan, and the corners on screen."""
    draft_id = await open_draft(user, portal, world, anna)
    await upload(user, draft_id, 'photo-1')
    await user.should_see(marker='corner-editor')
    scan = portal.documents.draft(anna, draft_id).scans[0]
    return draft_id, scan, [[x * scan.scale, y * scan.scale] for x, y in scan.corners]


async def test_moving_a_corner_and_choosing_a_mode_are_saved_in_the_draft(user: User, portal: Portal, world: World,
                                                                          anna: Actor) -> None:
    draft_id, scan, shown = await photo_under_review(user, portal, world, anna)
    user.find(CornerEditor).trigger('change', {'corners': [[10.0, 10.0], *shown[1:]]})
    await eventually(lambda: portal.documents.draft(anna, draft_id).scans[0].corners[0] != scan.corners[0])
    assert portal.documents.draft(anna, draft_id).scans[0].corners[0] == pytest.approx([10 / scan.scale] * 2)
    await eventually(lambda: f'v={portal.documents.draft(anna, draft_id).version}' in source_of(user, 'result'))
    user.find(marker='rotate').click()  # once the page shows the saved corners (a click before would be stale)
    await eventually(lambda: portal.documents.draft(anna, draft_id).scans[0].quarter_turns == 1)
    await eventually(lambda: f'v={portal.documents.draft(anna, draft_id).version}' in source_of(user, 'result'))
    (mode,) = user.find(marker='mode').elements
    mode.set_value('grey')
    await eventually(lambda: portal.documents.draft(anna, draft_id).scans[0].mode == 'grey')


async def test_turning_and_then_at_once_choosing_a_mode_saves_both_without_a_conflict(
        user: User, portal: Portal, world: World, anna: Actor) -> None:
    draft_id, _, _ = await photo_under_review(user, portal, world, anna)
    user.find(marker='rotate').click()
    (mode,) = user.find(marker='mode').elements
    mode.set_value('grey')  # before the turn is saved: the second change waits for the first
    await eventually(lambda: portal.documents.draft(anna, draft_id).scans[0].mode == 'grey')
    assert portal.documents.draft(anna, draft_id).scans[0].quarter_turns == 1
    await user.should_not_see('Jemand anderes hat diese Daten inzwischen geändert', retries=5)


async def test_moving_a_corner_judges_the_photo_again(user: User, portal: Portal, world: World,
                                                     anna: Actor) -> None:
    draft_id, _, shown = await photo_under_review(user, portal, world, anna)
    await user.should_see(marker='quality-ok')
    user.find(CornerEditor).trigger('change', {'corners': [[0.0, 0.0], *shown[1:]]})  # dragged into the corner
    await user.should_see(marker='quality-cut_off', retries=100)
    await user.should_see('Die Seite ist nicht ganz auf dem Foto.')
    assert portal.documents.draft(anna, draft_id).scans[0].quality == ('cut_off',)
    user.find(CornerEditor).trigger('change', {'corners': shown})  # and back onto the page's corner
    await user.should_see(marker='quality-ok', retries=100)
    await user.should_not_see('Die Seite ist nicht ganz auf dem Foto.')
    assert portal.documents.draft(anna, draft_id).scans[0].quality == ()


async def test_an_imported_pdf_shows_every_one_of_its_pages(user: User, portal: Portal, world: World,
                                                            anna: Actor) -> None:
    draft_id = await open_draft(user, portal, world, anna)
    response = await user.http_client.post(f'/api/documents/drafts/{draft_id}/scans', content=sheets_pdf(255, 0, 255),
                                           headers={'X-Upload-Key': 'pdf', 'X-File-Name': 'Kontoauszug.pdf'})
    assert response.status_code == 201, response.text
    user.find(DocumentCamera).trigger('uploaded', response.json())
    await user.should_see('PDF-Datei mit 3 Seiten')
    await user.should_see('Seite 3 von 3')
    pictures = [await picture(user, f'result-{index}') for index in range(3)]
    assert [float(each.mean()) > 128 for each in pictures] == [True, False, True]
    user.find(marker='rotate').click()
    await eventually(lambda: portal.documents.draft(anna, draft_id).scans[0].quarter_turns == 1)
    await eventually(lambda: 'v=' + str(portal.documents.draft(anna, draft_id).version)
                     in next(iter(user.find(marker='result-2').elements)).props['src'])
    turned = await picture(user, 'result-2')
    assert turned.shape[1] > turned.shape[0]
    assert (await user.http_client.get(source_of(user, 'result-2').replace('sheet=2', 'sheet=3'))).status_code == 404


def source_of(user: User, marker: str) -> str:
    (image,) = user.find(marker=marker).elements
    return image.props['src']


async def picture(user: User, marker: str) -> np.ndarray:
    """The picture an image element shows, fetched the way the browser would."""
    response = await user.http_client.get(source_of(user, marker))
    assert response.status_code == 200, response.text
    return cv2.imdecode(np.frombuffer(response.content, np.uint8), cv2.IMREAD_COLOR)


async def test_a_blurred_photo_gets_a_plain_warning_and_the_offer_to_retake(user: User, portal: Portal,
                                                                           world: World, anna: Actor) -> None:
    blurred = cv2.GaussianBlur(cv2.imdecode(np.frombuffer(PHOTO, np.uint8), cv2.IMREAD_COLOR), (31, 31), 12)
    data = cv2.imencode('.jpg', blurred)[1].tobytes()
    assert 'blurred' in prepare_scan(data, 'x.jpg', LIMITS).quality
    draft_id = await open_draft(user, portal, world, anna)
    response = await user.http_client.post(f'/api/documents/drafts/{draft_id}/scans', content=data,
                                           headers={'X-Upload-Key': 'blurred'})
    user.find(DocumentCamera).trigger('uploaded', response.json())
    await user.should_see('Das Foto ist unscharf.', retries=20)
    user.find(marker='quality-retake').click()
    await user.should_see('Nehmen Sie Seite 1 jetzt neu auf.')
    (camera,) = user.find(DocumentCamera).elements
    scan_id = portal.documents.draft(anna, draft_id).scans[0].id
    assert camera.props['upload_url'] == f'/api/documents/scans/{scan_id}/replace'


async def test_pages_can_be_reordered_and_deleted(user: User, portal: Portal, world: World, anna: Actor) -> None:
    draft_id = await open_draft(user, portal, world, anna)
    await upload(user, draft_id, 'photo-1')
    await user.should_see('Seite 1 prüfen')
    user.find(marker='add-scan').click()
    await upload(user, draft_id, 'photo-2')
    await user.should_see('Seite 2 prüfen')
    first, second = (scan.id for scan in portal.documents.draft(anna, draft_id).scans)
    user.find(marker=f'up-{second}').click()
    await eventually(lambda: [scan.id for scan in portal.documents.draft(anna, draft_id).scans] == [second, first])
    await eventually(lambda: not next(iter(user.find(marker=f'up-{second}').elements)).enabled)  # shown on top
    user.find(marker=f'delete-{first}').click()
    await user.should_not_see(marker=f'scan-{first}')
    assert [scan.id for scan in portal.documents.draft(anna, draft_id).scans] == [second]


async def test_a_double_tapped_send_makes_one_submission_and_shows_the_receipt(user: User, portal: Portal,
                                                                              world: World, anna: Actor) -> None:
    draft_id = await open_draft(user, portal, world, anna)
    await upload(user, draft_id, 'photo-1')
    send = user.find(marker='send')
    send.click()
    send.click()
    await user.should_see('Meine Dokumente', retries=50)
    (receipt,) = portal.documents.submissions(anna)
    with user.scope(marker='sent-ok'):  # said at the top, not only in the list below
        await user.should_see('Ihr Dokument ist angekommen.')
    await user.should_see(receipt.sha256)
    await user.should_see('Eingangsbestätigung (PDF)')
    assert portal.documents.open_requests(anna) == []


async def test_reopening_a_sent_draft_leads_to_its_receipt(user: User, portal: Portal, world: World,
                                                           anna: Actor) -> None:
    draft = portal.documents.start(anna, 'letter')
    await capture.upload(portal, anna, PHOTO, draft_id=draft.id)
    receipt = await capture.send(portal, anna, draft.id)  # as the scan sends it, with the draft's send key
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.open(f'/documents/capture/{draft.id}')
    await user.should_see(receipt.sha256)


async def test_another_customers_draft_and_receipt_are_not_found(user: User, portal: Portal, world: World) -> None:
    bernd = actor_of(portal, world.citizen_b)
    draft = portal.documents.start(bernd, 'letter')
    await capture.upload(portal, bernd, PHOTO, draft_id=draft.id)
    other = portal.documents.start(bernd, 'pay_slip')
    await capture.upload(portal, bernd, PHOTO, draft_id=other.id)
    sent = await capture.send(portal, bernd, other.id)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    response = await user.http_client.get(f'/documents/capture/{draft.id}')
    assert response.status_code == 404
    await user.open(f'/documents?receipt={sent.id}')
    await user.should_see('Nicht gefunden.')
    await user.should_not_see(sent.sha256)


async def test_the_home_page_keeps_open_requests_and_a_document_to_send_again_until_they_are_sent(
        user: User, portal: Portal, world: World, anna: Actor) -> None:
    ask_for_pay_slip(portal, world)
    sent = await capture.sent(portal, anna, 'bank_statement')
    portal.inbox.ask_again(actor_of(portal, world.caseworker_a), sent.id, 'Seite 2 fehlt.', version=sent.version)
    await sign_in(user, world.citizen_a.customer_number, PASSWORD)
    await user.should_see('Lohn- oder Gehaltsabrechnung: bitte bis zum 18.12.2026 senden')
    await user.should_see('Bitte senden Sie „Kontoauszug“ noch einmal. Grund: Seite 2 fehlt.')
    await user.open('/documents')  # the news is shown here once and then counts as read
    await user.should_see('Grund: Seite 2 fehlt.')
    await user.open('/')
    await user.should_see('Bitte senden Sie „Kontoauszug“ noch einmal.')  # read, but not yet done
    await user.should_see(marker=f'home-send-again-{sent.id}')
    await user.should_see(marker='to-documents')


async def test_staff_do_not_get_the_documents_page(user: User, portal: Portal, world: World) -> None:
    secret = enrol_totp(portal, world.caseworker_a.email)
    await sign_in(user, world.caseworker_a.email, PASSWORD, totp_secret=secret)
    response = await user.http_client.get('/documents')
    assert response.status_code == 403 and 'Kein Zugriff' in response.text


async def test_a_page_whose_top_cannot_be_told_asks_to_check_it_and_offers_turning_not_retaking(
        user: User, portal: Portal, world: World, anna: Actor) -> None:
    upside_down, _ = sheet_photo(sheet=rotate(capitals_sheet(1240, 1754), 2))
    draft_id = await open_draft(user, portal, world, anna)
    response = await user.http_client.post(f'/api/documents/drafts/{draft_id}/scans', content=upside_down,
                                           headers={'X-Upload-Key': 'capitals'})
    user.find(DocumentCamera).trigger('uploaded', response.json())
    await user.should_see(marker='quality-orientation_unclear', retries=20)
    await user.should_not_see(marker='quality-ok')
    await user.should_not_see(marker='quality-retake')
    await user.should_see(marker='rotate')
