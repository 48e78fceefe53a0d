"""The receipt (Eingangsbestätigung): facts, hash and page count, Unicode names, the customer's language."""
import io

import pytest
from pypdf import PdfReader

from portal.documents import Receipt
from portal.factories import make_customer
from portal.identity.roles import Actor
from portal.people.models import Customer, Team
from portal.services import Portal
from tests.support import capture
from tests.support.capture import blocking, upload
from tests.support.personas import actor_of, make_world
from tests.support.photos import page_photo

PHOTO, _ = page_photo(600, 800)


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


def test_an_arabic_name_is_written_with_arabic_letters(portal: Portal) -> None:
    actor = actor_of(portal, customer_named(portal, 'محمد', 'الأحمد', 'ar'))
    _, text, _ = send(portal, actor, pages=1)
    assert any('\u0600' <= ch <= '\u06ff' or '\ufe70' <= ch <= '\ufeff' for ch in text)


def test_an_english_speaking_customer_gets_the_receipt_in_german_and_english(portal: Portal) -> None:
    actor = actor_of(portal, customer_named(portal, 'Jane', 'Doe', 'en'))
    _, text, _ = send(portal, actor, pages=1)
    assert 'Eingangsbestätigung' in text and 'Receipt' in text and 'Number of pages' in text


@pytest.mark.parametrize(('first', 'last', 'language', 'script'), [
    ('ተስፋየ', 'ገብረመድህን', 'ti', ('\u1200', '\u137f')),
    ('عائشہ', 'خان', 'ur', ('\u0600', '\u06ff')),
])
def test_tigrinya_and_urdu_receipts_carry_their_own_letters(portal: Portal, first: str, last: str, language: str,
                                                           script: tuple[str, str]) -> None:
    actor = actor_of(portal, customer_named(portal, first, last, language))
    _, text, _ = send(portal, actor, pages=1)
    low, high = script
    assert sum(low <= ch <= high or '\ufb50' <= ch <= '\ufeff' for ch in text) > 10
