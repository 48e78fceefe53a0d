"""Bad uploads are refused with a translated key before anything reaches the disk or the database."""
from pathlib import Path

import cv2
import numpy as np
import pytest
from sqlmodel import func, select

from portal.core.errors import InvalidInput
from portal.core.i18n import Translator, error_message
from portal.core.settings import Settings
from portal.core.workers import Workers
from portal.documents import intake, prepare_scan
from portal.documents.limits import Limits
from portal.documents.models import Scan, UploadEvent
from portal.identity.roles import Actor
from portal.services import Portal, build_portal
from tests.support.capture import upload
from tests.support.personas import actor_of, make_world
from tests.support.photos import LIMITS, jpeg_header, pdf_file, png_header, sheet_photo

PHOTO, _ = sheet_photo(600, 800)
SMALL = Limits(upload_bytes=len(PHOTO) - 1, document_bytes=40_000_000, megapixels=50, sheets=30,
               uploads_per_hour=100)

BAD_UPLOADS = [
    ('oversized bytes', PHOTO, 'IMG_1.jpg', SMALL, 'documents.error.too_large'),
    ('a PNG header claiming 300 megapixels', png_header(20_000, 15_000), 'big.png', LIMITS,
     'documents.error.too_many_pixels'),
    ('a JPEG header claiming 600 megapixels', jpeg_header(30_000, 20_000), 'big.jpg', LIMITS,
     'documents.error.too_many_pixels'),
    ('text', b'Hello, this is not a photo at all.' * 10, 'notes.jpg', LIMITS, 'documents.error.not_an_image'),
    ('a zip archive', b'PK\x03\x04' + b'\0' * 200, 'photo.jpg', LIMITS, 'documents.error.not_an_image'),
    ('a truncated JPEG', PHOTO[:len(PHOTO) // 2], 'IMG_2.jpg', LIMITS, 'documents.error.corrupt_image'),
    ('a JPEG whose header lies about its size', jpeg_header(800, 600), 'IMG_3.jpg', LIMITS,
     'documents.error.corrupt_image'),
    ('HEIC bytes', b'\0\0\0\x18ftypheic\0\0\0\0mif1heic' + b'\0' * 300, 'IMG_4.HEIC', LIMITS,
     'documents.error.heic'),
    ('a fake PDF', b'%PDF-1.7\nthis is no PDF, only its first line\n%%EOF', 'scan.pdf', LIMITS,
     'documents.error.pdf_invalid'),
    ('a PDF locked with a password', pdf_file(1, password='secret'), 'locked.pdf', LIMITS,
     'documents.error.pdf_encrypted'),
    ('a PDF with too many pages', pdf_file(31), 'long.pdf', LIMITS, 'documents.error.too_many_sheets'),
    ('a name with a path', PHOTO, '../../etc/passwd.jpg', LIMITS, 'documents.error.file_name'),
    ('a Windows path', PHOTO, 'C:\\Users\\me\\IMG_5.jpg', LIMITS, 'documents.error.file_name'),
    ('a name with a control character', PHOTO, 'IMG\n6.jpg', LIMITS, 'documents.error.file_name'),
]


REFUSED_UPLOADS = [row for row in BAD_UPLOADS if row[4] != 'documents.error.file_name']


@pytest.mark.parametrize(('what', 'data', 'name', 'limits', 'key'), REFUSED_UPLOADS,
                         ids=[row[0] for row in REFUSED_UPLOADS])
async def test_a_bad_upload_is_refused_with_its_key_and_nothing_is_stored(
        settings: Settings, workers: Workers, what: str, data: bytes, name: str, limits: Limits, key: str) -> None:
    portal = build_portal(settings.model_copy(update={'document_max_upload_bytes': limits.upload_bytes}),
                          workers=workers)
    actor = actor_of(portal, make_world(portal).citizen_a)
    draft = portal.documents.start(actor, 'pay_slip')
    with pytest.raises(InvalidInput) as refused:
        await upload(portal, actor, data, draft_id=draft.id, name=name)
    assert refused.value.key == key
    assert portal.documents.draft(actor, draft.id).scans == ()
    with portal.database.session() as session:
        assert session.exec(select(func.count()).select_from(Scan)).one() == 0
        assert session.exec(select(func.count()).select_from(UploadEvent)).one() == 1  # refused ones count too
    assert _files(portal.settings.data_dir) == []
    portal.database.engine.dispose()


async def test_a_file_name_is_only_a_label_and_never_a_path(portal: Portal, anna: Actor) -> None:
    draft = portal.documents.start(anna, 'pay_slip')
    for index, name in enumerate(('../../etc/passwd.jpg', 'C:\\Users\\me\\IMG_5.jpg', 'IMG\n6.jpg')):
        draft = await upload(portal, anna, PHOTO, draft_id=draft.id, name=name, key=f'p{index}')
    assert draft.sheet_count == 3
    files = _files(portal.settings.data_dir)
    assert len(files) == 6  # each photo and its preview, under names the server chose
    assert all(path.relative_to(portal.settings.data_dir).parts[0] == 'documents' and len(path.name) == 32
               and set(path.name) <= set('0123456789abcdef') for path in files)


def test_every_refusal_reads_as_a_sentence_in_german_and_english() -> None:
    for _, data, name, limits, _ in BAD_UPLOADS:
        with pytest.raises(InvalidInput) as refused:
            prepare_scan(data, name, limits)
        for code in ('de', 'en'):
            message = error_message(Translator(code), refused.value)
            assert not message.startswith('documents.') and '{' not in message


def test_the_size_in_the_header_is_refused_before_any_pixel_is_decoded(monkeypatch: pytest.MonkeyPatch) -> None:
    def decode(_data: bytes) -> np.ndarray:
        raise AssertionError('decoded a bomb')
    monkeypatch.setattr(intake, 'decode_image', decode)
    for bomb in (png_header(10_000, 10_000), jpeg_header(10_000, 10_000)):
        with pytest.raises(InvalidInput) as refused:
            prepare_scan(bomb, 'bomb', LIMITS)
        assert refused.value.key == 'documents.error.too_many_pixels'


def test_a_png_and_a_webp_photo_are_accepted_like_a_jpeg() -> None:
    image = cv2.imdecode(np.frombuffer(PHOTO, np.uint8), cv2.IMREAD_COLOR)
    for extension in ('.png', '.webp'):
        ok, buffer = cv2.imencode(extension, image)
        assert ok
        prepared = prepare_scan(buffer.tobytes(), f'photo{extension}', LIMITS)
        assert (prepared.source, prepared.width, prepared.height) == ('image', 600, 800)


def test_an_imported_pdf_keeps_its_pages_but_loses_its_scripts() -> None:
    data = pdf_file(2, script=True)
    assert b'/JavaScript' in data
    prepared = prepare_scan(data, 'statement.pdf', LIMITS)
    assert (prepared.source, prepared.sheets) == ('pdf', 2)
    assert b'/JavaScript' not in prepared.data
    assert prepared.preview.startswith(b'\xff\xd8')


def _files(root: Path) -> list[Path]:
    return [path for path in root.rglob('*') if path.is_file()] if root.exists() else []
