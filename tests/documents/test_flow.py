"""From a draft to one encrypted PDF with a receipt: pages, limits, retries and conflicts."""
import hashlib
import io
from collections.abc import Iterator

import pytest
from pypdf import PdfReader
from sqlmodel import func, select

from portal.core.errors import Conflict, InvalidInput, NotFound
from portal.core.settings import Settings
from portal.documents import Receipt, compose_document, prepare_page, render_preview
from portal.documents.models import Draft, Submission
from portal.documents.render import decode_image
from portal.documents.store import DocumentStore, Keyring, StoreError
from portal.identity.roles import Actor
from portal.services import Portal, build_portal
from tests.support.fakes import FakeClock
from tests.support.personas import actor_of, make_world
from tests.support.photos import LIMITS, page_photo, pdf_file

PHOTO, _ = page_photo()


def stored(portal: Portal) -> list[str]:
    """Names of the files in the document store (folders and nothing else left out)."""
    return [path.name for path in portal.settings.data_dir.rglob('*') if path.is_file()]


def add_photo(portal: Portal, actor: Actor, draft_id: int, key: str, data: bytes = PHOTO) -> None:
    portal.documents.add_page(actor, draft_id, prepare_page(data, 'IMG.jpg', LIMITS), key)


def test_a_draft_of_two_photos_becomes_one_pdf_whose_hash_is_on_the_receipt(portal: Portal, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'pay_slip', 'October')
    add_photo(portal, anna, draft.id, 'p1')
    add_photo(portal, anna, draft.id, 'p2')
    receipt = portal.documents.submit_draft(anna, draft.id, 'send-1')
    pdf = portal.documents.document_pdf(anna, receipt.id)
    assert hashlib.sha256(pdf).hexdigest() == receipt.sha256
    assert len(PdfReader(io.BytesIO(pdf)).pages) == receipt.page_count == 2
    assert (receipt.kind, receipt.note, receipt.status) == ('pay_slip', 'October', 'received')
    with pytest.raises(NotFound):  # the draft is gone, and its page files with it
        portal.documents.draft(anna, draft.id)
    assert len(stored(portal)) == 2  # the PDF and the receipt


def test_the_stored_pdf_is_not_plaintext_and_opens_only_with_the_key(portal: Portal, anna: Actor) -> None:
    receipt = _sent(portal, anna)
    with portal.database.session() as session:
        name = session.get(Submission, receipt.id).file_name
    path = next(portal.settings.data_dir.rglob(name))
    sealed = path.read_bytes()
    assert b'%PDF' not in sealed and sealed.startswith(b'JCD1')
    stranger = DocumentStore(portal.settings.data_dir, Keyring.parse('', 'another-secret-key-0123456789-abcdefgh'))
    with pytest.raises(StoreError):
        stranger.get(name)
    assert hashlib.sha256(portal.documents.document_pdf(anna, receipt.id)).hexdigest() == receipt.sha256


def test_a_page_of_text_makes_a_pdf_well_under_500_kb(portal: Portal, anna: Actor) -> None:
    big, _ = page_photo(3000, 4000, quality=92)
    for mode in ('document', 'grey', 'colour'):
        draft = portal.documents.start(anna, 'letter')
        add_photo(portal, anna, draft.id, 'p1', big)
        page = portal.documents.draft(anna, draft.id).pages[0]
        draft = portal.documents.edit_page(anna, page.id, corners=page.corners, mode=mode, quarter_turns=0,
                                           version=portal.documents.draft(anna, draft.id).version)
        receipt = portal.documents.submit_draft(anna, draft.id, f'send-{mode}')
        assert receipt.size_bytes < 500_000, mode


def test_a_retried_submit_with_the_same_key_returns_the_same_receipt(portal: Portal, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'bank_statement')
    add_photo(portal, anna, draft.id, 'p1')
    material = portal.documents.material(anna, draft.id, 'send-1')
    composed = compose_document(material)
    first = portal.documents.submit(anna, composed, 'send-1')
    assert portal.documents.submit(anna, composed, 'send-1') == first
    assert portal.documents.material(anna, draft.id, 'send-1') == first
    assert portal.documents.submit_draft(anna, draft.id, 'send-1') == first
    with portal.database.session() as session:
        assert session.exec(select(func.count()).select_from(Submission)).one() == 1


def test_a_retried_page_upload_with_the_same_key_adds_one_page(portal: Portal, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'pay_slip')
    prepared = prepare_page(PHOTO, 'IMG.jpg', LIMITS)
    portal.documents.add_page(anna, draft.id, prepared, 'photo-1')
    again = portal.documents.add_page(anna, draft.id, prepared, 'photo-1')
    assert len(again.pages) == 1
    assert len(stored(portal)) == 2  # the original and its preview


def test_a_draft_survives_a_new_connection_with_its_pages_and_edits(portal: Portal, anna: Actor,
                                                                     settings: Settings, clock: FakeClock) -> None:
    draft = portal.documents.start(anna, 'rental_contract')
    add_photo(portal, anna, draft.id, 'p1')
    page = portal.documents.draft(anna, draft.id).pages[0]
    draft = portal.documents.edit_page(anna, page.id, corners=page.corners, mode='grey', quarter_turns=1,
                                       version=portal.documents.draft(anna, draft.id).version)
    later = build_portal(settings, clock=clock)
    kept = later.documents.draft(anna, draft.id)
    assert [(p.mode, p.quarter_turns, p.corners) for p in kept.pages] == [('grey', 1, page.corners)]
    assert later.documents.page_preview(anna, page.id).startswith(b'\xff\xd8')
    assert later.documents.page_original(anna, page.id) == PHOTO
    later.database.engine.dispose()


def test_pages_can_be_reordered_deleted_and_retaken(portal: Portal, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'pay_slip')
    for key in ('a', 'b', 'c'):
        add_photo(portal, anna, draft.id, key)
    draft = portal.documents.draft(anna, draft.id)
    first, second, third = (page.id for page in draft.pages)
    draft = portal.documents.move_page(anna, third, 0, version=draft.version)
    assert [page.id for page in draft.pages] == [third, first, second]
    draft = portal.documents.delete_page(anna, first, version=draft.version)
    retake = prepare_page(PHOTO, 'retake.jpg', LIMITS)
    draft = portal.documents.replace_page(anna, second, retake, 'retake-1')
    assert portal.documents.replace_page(anna, second, retake, 'retake-1') == draft  # a retried retake
    assert len(draft.pages) == 2 and draft.pages[0].id == third and second not in [p.id for p in draft.pages]
    assert len(stored(portal)) == 4


def test_an_edit_from_a_stale_tab_is_a_conflict(portal: Portal, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'pay_slip')
    add_photo(portal, anna, draft.id, 'p1')
    seen = portal.documents.draft(anna, draft.id)
    page = seen.pages[0]
    portal.documents.edit_page(anna, page.id, corners=None, mode='colour', quarter_turns=0, version=seen.version)
    with pytest.raises(Conflict):
        portal.documents.edit_page(anna, page.id, corners=None, mode='grey', quarter_turns=2, version=seen.version)


def test_a_draft_changed_after_composing_is_not_sent_as_composed(portal: Portal, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'pay_slip')
    add_photo(portal, anna, draft.id, 'p1')
    composed = compose_document(portal.documents.material(anna, draft.id, 'send-1'))
    add_photo(portal, anna, draft.id, 'p2')
    with pytest.raises(Conflict):
        portal.documents.submit(anna, composed, 'send-1')
    assert len(stored(portal)) == 4  # two pages with their previews; no PDF, no receipt, no temporary file


def test_bad_corners_and_modes_are_refused(portal: Portal, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'pay_slip')
    add_photo(portal, anna, draft.id, 'p1')
    seen = portal.documents.draft(anna, draft.id)
    for corners, mode in (([[0, 0], [10, 0], [10, 10]], 'grey'), ([[0, 0], [1e6, 0], [9, 9], [0, 9]], 'grey'),
                          ([[0, 0], [9, 0], [9, 9], [0, float('nan')]], 'grey'), (None, 'sepia')):
        with pytest.raises(InvalidInput):
            portal.documents.edit_page(anna, seen.pages[0].id, corners=corners, mode=mode, quarter_turns=0,
                                       version=seen.version)


def test_an_empty_draft_cannot_be_sent(portal: Portal, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'pay_slip')
    with pytest.raises(InvalidInput) as refused:
        portal.documents.submit_draft(anna, draft.id, 'send-1')
    assert refused.value.key == 'documents.error.empty'


def test_an_imported_pdf_joins_the_photos_in_one_document(portal: Portal, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'bank_statement')
    add_photo(portal, anna, draft.id, 'p1')
    portal.documents.add_page(anna, draft.id, prepare_page(pdf_file(2), 'statement.pdf', LIMITS), 'p2')
    receipt = portal.documents.submit_draft(anna, draft.id, 'send-1')
    assert receipt.page_count == 3
    assert len(PdfReader(io.BytesIO(portal.documents.document_pdf(anna, receipt.id))).pages) == 3


@pytest.fixture
def limited(settings: Settings, clock: FakeClock) -> Iterator[Portal]:
    built = build_portal(settings.model_copy(update={'document_uploads_per_hour': 2, 'document_max_pages': 3}),
                         clock=clock)
    yield built
    built.database.engine.dispose()


def test_uploads_per_hour_are_limited_per_customer(limited: Portal, clock: FakeClock) -> None:
    world = make_world(limited)
    anna, bernd = actor_of(limited, world.citizen_a), actor_of(limited, world.citizen_b)
    draft = limited.documents.start(anna, 'pay_slip')
    add_photo(limited, anna, draft.id, 'p1')
    clock.advance(minutes=20)
    add_photo(limited, anna, draft.id, 'p2')
    with pytest.raises(InvalidInput) as refused:
        add_photo(limited, anna, draft.id, 'p3')
    assert (refused.value.key, refused.value.params) == ('documents.error.too_many_uploads', {'minutes': 40})
    add_photo(limited, bernd, limited.documents.start(bernd, 'pay_slip').id, 'p1')
    clock.advance(minutes=41)
    add_photo(limited, anna, draft.id, 'p3')
    assert limited.documents.draft(anna, draft.id).page_count == 3


def test_pages_per_document_are_limited(limited: Portal, clock: FakeClock) -> None:
    anna = actor_of(limited, make_world(limited).citizen_a)
    draft = limited.documents.start(anna, 'pay_slip')
    add_photo(limited, anna, draft.id, 'p1')
    with pytest.raises(InvalidInput) as refused:
        limited.documents.add_page(anna, draft.id, prepare_page(pdf_file(3), 'statement.pdf', LIMITS), 'p2')
    assert refused.value.key == 'documents.error.too_many_pages'
    clock.advance(hours=2)
    add_photo(limited, anna, draft.id, 'p2')
    clock.advance(hours=2)
    add_photo(limited, anna, draft.id, 'p3')
    with pytest.raises(InvalidInput) as refused:
        limited.documents.check_upload(anna, draft.id)
    assert (refused.value.key, refused.value.params) == ('documents.error.too_many_pages', {'maximum': 3})


def test_discarding_a_draft_removes_its_files(portal: Portal, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'pay_slip')
    add_photo(portal, anna, draft.id, 'p1')
    portal.documents.discard(anna, draft.id)
    assert stored(portal) == []
    with portal.database.session() as session:
        assert session.get(Draft, draft.id) is None


def _sent(portal: Portal, actor: Actor, kind: str = 'pay_slip', key: str = 'send-1') -> Receipt:
    draft = portal.documents.start(actor, kind)
    add_photo(portal, actor, draft.id, 'p1')
    return portal.documents.submit_draft(actor, draft.id, key)


def test_the_editor_shows_the_page_flattened_and_turned_as_it_will_be_sent(portal: Portal, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'letter')
    add_photo(portal, anna, draft.id, 'p1')
    page = portal.documents.draft(anna, draft.id).pages[0]
    preview = portal.documents.page_preview(anna, page.id)
    upright = decode_image(render_preview(preview, page.corners, page.scale, 'document', 0))
    turned = decode_image(render_preview(preview, page.corners, page.scale, 'document', 1))
    assert upright.shape[0] > upright.shape[1] * 1.3  # the A4 page alone, upright, without the desk
    assert turned.shape[:2] == upright.shape[1::-1]
