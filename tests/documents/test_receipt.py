"""The receipt (Eingangsbestätigung): facts, hash and page count, Unicode names, the customer's language."""
import io
import unicodedata

import pytest
from pypdf import PdfReader

from portal.core.i18n import Translator
from portal.documents import Receipt
from portal.factories import make_customer
from portal.identity.roles import Actor
from portal.people.models import Customer, Team
from portal.services import Portal
from tests.support import capture
from tests.support.capture import blocking, send_now, upload
from tests.support.pdfs import drawn_text, letters_with_glyphs
from tests.support.personas import actor_of, make_world
from tests.support.photos import sheet_photo

PHOTO, _ = sheet_photo(600, 800)


def send(portal: Portal, actor: Actor, pages: int = 2) -> tuple[int, str, Receipt]:
    draft = portal.documents.start(actor, 'pay_slip', 'Oktober')
    for index in range(pages):
        blocking(upload(portal, actor, PHOTO, draft_id=draft.id, key=f'p{index}', name=f'IMG_{index}.jpg'))
    receipt = blocking(capture.send(portal, actor, draft.id))
    text = '\n'.join(page.extract_text() for page in PdfReader(io.BytesIO(
        blocking(portal.documents.receipt_pdf(actor, receipt.id)))).pages)
    return receipt.id, text, receipt


def customer_named(portal: Portal, first: str, last: str, language: str) -> Customer:
    world = make_world(portal)
    with portal.database.session() as session:
        customer = make_customer(session=session, team=session.get(Team, world.citizen_a.team_id),
                                 first_name=first, last_name=last, language=language, password='x' * 12)
        session.commit()
        return customer


def test_the_receipt_states_the_hash_the_page_count_the_kind_and_the_time(portal: Portal) -> None:
    anna = actor_of(portal, make_world(portal).citizen_a)
    number, text, receipt = send(portal, anna, pages=3)
    flat = text.replace('\n', '')
    assert receipt.sha256 in flat
    assert 'Anzahl der Seiten 3' in text
    assert 'Lohn- oder Gehaltsabrechnung' in text and 'Oktober' in text
    assert f'Vorgangsnummer {number}' in text
    assert '23.11.2026, 10:00:00' in text  # the FakeClock's 09:00 UTC in Berlin


@pytest.mark.parametrize(('first', 'last', 'language', 'expected'), [
    ('Mehmet', 'Yılmaz', 'de', 'Mehmet Yılmaz'),
    ('Zoë', 'Łukasiewicz', 'en', 'Zoë Łukasiewicz'),
])
def test_names_beyond_latin_1_are_written_as_they_are(portal: Portal, first: str, last: str, language: str,
                                                      expected: str) -> None:
    actor = actor_of(portal, customer_named(portal, first, last, language))
    _, text, _ = send(portal, actor, pages=1)
    assert expected in text


def test_an_english_speaking_customer_gets_the_receipt_in_german_and_english(portal: Portal) -> None:
    actor = actor_of(portal, customer_named(portal, 'Jane', 'Doe', 'en'))
    _, text, _ = send(portal, actor, pages=1)
    assert 'Eingangsbestätigung' in text and 'Receipt' in text and 'Number of pages' in text


async def test_the_receipt_is_in_the_language_the_person_reads_the_page_in(portal: Portal, anna: Actor) -> None:
    """Anna's account is German; she reads the portal in English (a ?lang=en link, her browser) and sends."""
    draft = portal.documents.start(anna, 'pay_slip')
    await upload(portal, anna, PHOTO, draft_id=draft.id)
    receipt = await portal.documents.send(anna, draft.id, draft.send_key, language='en')
    pdf = await portal.documents.receipt_pdf(anna, receipt.id)
    text = '\n'.join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert 'Eingangsbestätigung' in text and 'Receipt' in text


SCRIPT_NAMES = [  # first, last, the Noto font for their script
    ('محمد', 'الأحمد', 'NotoNaskhArabic'),
    ('زهرا', 'رضایی', 'NotoNaskhArabic'),
    ('عائشہ', 'خان', 'NotoNaskhArabic'),
    ('ተስፋየ', 'ገብረመድህን', 'NotoSansEthiopic'),
]


@pytest.mark.parametrize(('first', 'last', 'font'), SCRIPT_NAMES)
def test_a_name_in_arabic_farsi_urdu_or_tigrinya_script_is_drawn_with_real_glyphs_of_that_script(
        portal: Portal, first: str, last: str, font: str) -> None:
    """A German receipt, so only the name carries the script: its letters must be drawn, in the script's font, by
    glyphs that font really has (a Latin name, or a font without the letters, fails here)."""
    actor = actor_of(portal, customer_named(portal, first, last, 'de'))
    pdf = receipt_of(portal, actor)
    in_font = ' '.join(piece.text for piece in drawn_text(pdf) if font in piece.font)
    assert first in in_font and last in in_font, in_font
    assert letters(first + last) <= letters_with_glyphs(pdf, font)


READERS = [('ar', 'NotoNaskhArabic', True), ('fa', 'NotoNaskhArabic', True), ('ur', 'NotoNaskhArabic', True),
           ('ti', 'NotoSansEthiopic', False)]


@pytest.mark.parametrize(('language', 'font', 'right_to_left'), READERS)
def test_each_heading_and_label_is_german_first_then_the_readers_language_in_its_own_script(
        portal: Portal, language: str, font: str, right_to_left: bool) -> None:
    actor = actor_of(portal, customer_named(portal, 'Sara', 'Beispiel', language))
    pdf = receipt_of(portal, actor)
    pieces = drawn_text(pdf)
    german, theirs = Translator('de'), Translator(language)
    for key in ('documents.receipt.title', 'documents.receipt.sheets', 'documents.receipt.kind'):
        first = next(piece for piece in pieces if piece.text == german(key))
        second = next(piece for piece in pieces if piece.text == unicodedata.normalize('NFKC', theirs(key)))
        assert font in second.font and 'DejaVu' in first.font
        assert second.y < first.y, f'{key}: the translation stands below the German'
        if right_to_left:
            assert second.x > first.x + 10, f'{key}: right-to-left text starts at the right edge'
    kind = theirs('documents.kind.pay_slip').split(' (')[0]  # the kind, too, in both languages
    assert kind in ' '.join(piece.text for piece in pieces if font in piece.font)
    assert letters(theirs('documents.receipt.sheets')) <= letters_with_glyphs(pdf, font)


def letters(text: str) -> set[str]:
    """What needs a glyph: not spaces, not invisible joiners (Farsi's zero-width non-joiner)."""
    return {ch for ch in text if unicodedata.category(ch) not in ('Zs', 'Cf')}


def receipt_of(portal: Portal, actor: Actor) -> bytes:
    receipt = send_now(portal, actor)
    return blocking(portal.documents.receipt_pdf(actor, receipt.id))
