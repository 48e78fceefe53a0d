"""Who may see and change which documents: every read and write, tried by every persona.

A customer sees only their own; case workers those of their teams' customers; admins all; reception none.
Someone else's id is "not found" and written to the audit log as ``document.not_found``.
"""
import inspect
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlmodel import select

from portal.audit.models import AuditEntry
from portal.core.errors import NotAllowed, NotFound
from portal.documents import ComposedDocument, InboxFilter, prepare_scan
from portal.documents.adding import StoredScan
from portal.identity.roles import Actor
from portal.services import Portal
from tests.support.capture import blocking, send, upload
from tests.support.personas import World, actor_of, make_world
from tests.support.photos import LIMITS, sheet_photo

PHOTO, _ = sheet_photo(600, 800)
PREPARED = prepare_scan(PHOTO, 'IMG.jpg', LIMITS)
STORED = StoredScan(PREPARED, 'a' * 32, 'b' * 32)  # names of files a scan handler would have written


@dataclass
class Scene:
    world: World
    anna: Actor
    draft_id: int
    scan_id: int
    submission_id: int
    notification_id: int
    request_id: int


@pytest.fixture
def scene(portal: Portal) -> Scene:
    """Anna (citizen A) has a draft with one scan, a sent document that was sent back, and a request."""
    world = make_world(portal)
    anna, carla = actor_of(portal, world.citizen_a), actor_of(portal, world.caseworker_a)
    sent = portal.documents.start(anna, 'pay_slip')
    blocking(upload(portal, anna, PHOTO, draft_id=sent.id))
    receipt = blocking(send(portal, anna, sent.id))
    portal.inbox.ask_again(carla, receipt.id, 'Bitte alle Seiten', version=receipt.version)
    request = portal.inbox.request(carla, world.citizen_a.id, 'bank_statement', portal.clock().date())
    draft = portal.documents.start(anna, 'letter')
    draft = blocking(upload(portal, anna, PHOTO, draft_id=draft.id))
    notice = portal.documents.notifications(anna)[0]
    return Scene(world, anna, draft.id, draft.scans[0].id, receipt.id, notice.id, request.id)


CUSTOMER_CALLS: dict[str, Callable[[Portal, Actor, Scene], object]] = {
    'draft': lambda p, a, s: p.documents.draft(a, s.draft_id),
    'change': lambda p, a, s: p.documents.change(a, s.draft_id, kind='other', note='', version=99),
    'discard': lambda p, a, s: p.documents.discard(a, s.draft_id),
    'check_upload': lambda p, a, s: p.documents.check_upload(a, s.draft_id, upload_key='k'),
    'check_upload_retake': lambda p, a, s: p.documents.check_upload(a, scan_id=s.scan_id, upload_key='k'),
    'place_scan': lambda p, a, s: p.documents.place_scan(a, STORED, 'k', draft_id=s.draft_id),
    'place_scan_retake': lambda p, a, s: p.documents.place_scan(a, STORED, 'k', scan_id=s.scan_id),
    'upload': lambda p, a, s: upload(p, a, PHOTO, draft_id=s.draft_id, key='k'),
    'upload_retake': lambda p, a, s: upload(p, a, PHOTO, scan_id=s.scan_id, key='k'),
    'edit_scan': lambda p, a, s: p.documents.edit_scan(a, s.scan_id, corners=None, mode='grey', quarter_turns=1,
                                                       version=99),
    'record_quality': lambda p, a, s: p.documents.record_quality(a, s.scan_id, corners=None, quality=['glare']),
    'move_scan': lambda p, a, s: p.documents.move_scan(a, s.scan_id, 0, version=99),
    'delete_scan': lambda p, a, s: p.documents.delete_scan(a, s.scan_id, version=99),
    'judge': lambda p, a, s: p.documents.judge(a, s.scan_id, None),
    'preview': lambda p, a, s: p.documents.preview(a, s.scan_id),
    'picture': lambda p, a, s: p.documents.picture(a, s.draft_id, s.scan_id),
    'scan_files': lambda p, a, s: p.documents.scan_files(a, s.scan_id),
    'send': lambda p, a, s: p.documents.send(a, s.draft_id, 'other-key'),
    'material_files': lambda p, a, s: p.documents.material_files(a, s.draft_id, 'other-key'),
    'sent_from': lambda p, a, s: p.documents.sent_from(a, s.draft_id),
    'record_submission': lambda p, a, s: p.documents.record_submission(
        a, ComposedDocument(s.draft_id, 99, b'%PDF-1.7', '0' * 64, 1, ()), 'other-key', 'c' * 32),
    'receipt': lambda p, a, s: p.documents.receipt(a, s.submission_id),
    'receipt_pdf': lambda p, a, s: p.documents.receipt_pdf(a, s.submission_id),
    'document_pdf': lambda p, a, s: p.documents.document_pdf(a, s.submission_id),
    'thumbnail': lambda p, a, s: p.documents.thumbnail(a, s.submission_id, 0),
    'submission_files': lambda p, a, s: p.documents.submission_files(a, s.submission_id),
    'mark_read': lambda p, a, s: p.documents.mark_read(a, s.notification_id),
    'start_for_request': lambda p, a, s: p.documents.start(a, 'other', request_id=s.request_id),
}


def test_another_customer_finds_nothing_of_anna_and_every_attempt_is_logged(portal: Portal, scene: Scene) -> None:
    bernd = actor_of(portal, scene.world.citizen_b)
    leaks = [name for name, call in CUSTOMER_CALLS.items() if not _refused(NotFound, call, portal, bernd, scene)]
    assert leaks == []
    logged = [entry for entry in _logged(portal, 'document.not_found') if entry.actor_name == 'Bernd Beta']
    assert len(logged) == len(CUSTOMER_CALLS)
    assert f'draft {scene.draft_id}' in {entry.detail for entry in logged}
    assert portal.documents.draft(scene.anna, scene.draft_id).sheet_count == 1  # nothing changed


def test_staff_cannot_use_the_customers_side(portal: Portal, scene: Scene) -> None:
    for persona in ('caseworker_a', 'other_caseworker', 'reception', 'admin'):
        staff = actor_of(portal, getattr(scene.world, persona))
        allowed = [name for name, call in CUSTOMER_CALLS.items()
                   if not _refused(NotAllowed, call, portal, staff, scene)]
        assert allowed == [], persona
        with pytest.raises(NotAllowed):
            portal.documents.overview(staff)


def test_anna_sees_her_own_documents_requests_and_notices(portal: Portal, scene: Scene) -> None:
    overview = portal.documents.overview(scene.anna)
    assert [draft.id for draft in overview.drafts] == [scene.draft_id]
    assert [receipt.id for receipt in overview.submissions] == [scene.submission_id]
    assert [request.id for request in overview.requests] == [scene.request_id]
    assert {notice.key for notice in overview.notifications} == {'documents.notice.resubmit',
                                                                 'documents.notice.request'}
    youth = actor_of(portal, scene.world.youth)
    assert portal.documents.overview(youth).submissions == ()


STAFF_CALLS: dict[str, Callable[[Portal, Actor, Scene], object]] = {
    'open': lambda p, a, s: p.inbox.open(a, s.submission_id),
    'pdf': lambda p, a, s: p.inbox.pdf(a, s.submission_id),
    'pdf_file': lambda p, a, s: p.inbox.pdf_file(a, s.submission_id),
    'accept': lambda p, a, s: p.inbox.accept(a, s.submission_id, version=2),
    'ask_again': lambda p, a, s: p.inbox.ask_again(a, s.submission_id, 'Unscharf', version=2),
    'request': lambda p, a, s: p.inbox.request(a, s.world.citizen_a.id, 'pay_slip', p.clock().date()),
    'requests': lambda p, a, s: p.inbox.requests(a, s.world.citizen_a.id),
    'cancel_request': lambda p, a, s: p.inbox.cancel_request(a, s.request_id),
}


def test_the_case_worker_of_another_team_finds_nothing_and_every_attempt_is_logged(portal: Portal,
                                                                                   scene: Scene) -> None:
    otto = actor_of(portal, scene.world.other_caseworker)
    leaks = [name for name, call in STAFF_CALLS.items() if not _refused(NotFound, call, portal, otto, scene)]
    assert leaks == []
    logged = [entry for entry in _logged(portal, 'document.not_found') if entry.actor_name == 'Otto Other']
    assert len(logged) == len(STAFF_CALLS)
    assert portal.inbox.submissions(otto).rows == ()


def test_reception_and_customers_are_not_allowed_in_the_inbox(portal: Portal, scene: Scene) -> None:
    for person in (scene.world.reception, scene.world.citizen_a):
        actor = actor_of(portal, person)
        allowed = [name for name, call in STAFF_CALLS.items() if not _refused(NotAllowed, call, portal, actor, scene)]
        assert allowed == []
        with pytest.raises(NotAllowed):
            portal.inbox.submissions(actor)


@pytest.mark.parametrize(('persona', 'call', 'action'), [
    ('caseworker_a', 'open', 'document.view'), ('caseworker_a', 'pdf', 'document.download'),
    ('caseworker_a', 'accept', 'document.accept'), ('caseworker_a', 'ask_again', 'document.ask_again'),
    ('caseworker_a', 'request', 'document.request'), ('caseworker_a', 'requests', 'document.requests'),
    ('caseworker_a', 'cancel_request', 'document.request_cancel'),
    ('admin', 'open', 'document.view'), ('admin', 'pdf', 'document.download'),
])
def test_staff_reads_and_changes_are_audited(portal: Portal, scene: Scene, persona: str, call: str,
                                             action: str) -> None:
    staff = actor_of(portal, getattr(scene.world, persona))
    before = len(_logged(portal, action))
    _done(STAFF_CALLS[call](portal, staff, scene))
    entries = _logged(portal, action)
    assert len(entries) == before + 1
    assert entries[-1].customer_id == scene.world.citizen_a.id
    assert entries[-1].actor_account_id == staff.account_id


def test_the_inbox_list_is_scoped_to_the_teams_and_audited(portal: Portal, scene: Scene) -> None:
    carla, admin = actor_of(portal, scene.world.caseworker_a), actor_of(portal, scene.world.admin)
    bernd = actor_of(portal, scene.world.citizen_b)
    other = portal.documents.start(bernd, 'sick_note')
    blocking(upload(portal, bernd, PHOTO, draft_id=other.id))
    blocking(send(portal, bernd, other.id))
    assert [row.customer_name for row in portal.inbox.submissions(carla).rows] == ['Anna Alpha']
    assert {row.customer_name for row in portal.inbox.submissions(admin).rows} == {'Anna Alpha', 'Bernd Beta'}
    portal.inbox.submissions(carla, InboxFilter(kind='sick_note'))
    assert _logged(portal, 'document.list')[-1].detail == 'kind=sick_note status='


def _refused(error: type[Exception], call: Callable, portal: Portal, actor: Actor, scene: Scene) -> bool:
    try:
        _done(call(portal, actor, scene))
    except error:
        return True
    return False


def _done(result: object) -> object:
    """The workflows are coroutines: run them to the end."""
    return blocking(result) if inspect.iscoroutine(result) else result


def _logged(portal: Portal, action: str) -> list[AuditEntry]:
    with portal.database.session() as session:
        return list(session.exec(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))
