"""The transcript of a conversation as PDF: the customer's view (never internal notes), every message with time and
author, attachments by name, labels in German and the reader's language; Arabic, Urdu and Tigrinya drawn with real
glyphs of fonts for their scripts."""
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from portal.audit.models import AuditEntry
from portal.chat.transcript import Entry, TranscriptFacts, transcript_pdf
from portal.chat.views import ConversationView
from portal.core import paper
from portal.core.errors import NotFound
from portal.core.i18n import Translator
from portal.core.paper import Letterhead
from portal.identity.roles import Actor
from portal.services import Portal
from tests.support.attaching import send_file
from tests.support.capture import blocking
from tests.support.pdfs import drawn_text, letters_with_glyphs
from tests.support.personas import World

ARABIC = 'متى يصل المال إلى حسابي'
URDU = 'میری درخواست کب منظور ہوگی'
TIGRINYA = 'ገንዘበይ መዓስ ይመጽእ'
FONTS = {'ar': 'NotoNaskhArabic', 'ur': 'NotoNaskhArabic', 'ti': 'NotoSansEthiopic'}


def text_of(pdf: bytes) -> str:
    return ' '.join(piece.text for piece in drawn_text(pdf))


def in_font(pdf: bytes, font: str) -> str:
    return ' '.join(piece.text for piece in drawn_text(pdf) if font in piece.font)


def letters(text: str) -> set[str]:
    """What needs a glyph: not spaces, not invisible joiners."""
    return {ch for ch in text if unicodedata.category(ch) not in ('Zs', 'Cf')}


async def test_the_transcript_states_who_what_and_when_and_every_message_with_its_author(
        portal: Portal, world: World, anna: Actor, carla: Actor, talk: ConversationView) -> None:
    portal.chat.post(carla, talk.id, 'Ihr Antrag ist da.', 'client-0002')
    portal.chat.post(carla, talk.id, 'Geheim: Akte prüfen', 'client-0003', note=True)
    await send_file(portal, anna, talk.id, text='Hier der Nachweis', name='Kontoauszug.jpg')
    portal.chat.close(carla, talk.id, 'answered')
    pdf = await portal.chat.transcript_pdf(anna, talk.id, 'de')
    text = text_of(pdf)
    for expected in (portal.settings.district_name, 'Gesprächsverlauf', 'Anna Alpha', world.citizen_a.customer_number,
                     'Geldleistungen (Bürgergeld)', 'Team A', 'Wann kommt mein Geld?', 'Ihr Antrag ist da.',
                     'Hier der Nachweis', 'Kontoauszug.jpg', 'Anhang', 'abgeschlossen',
                     '23.11.26, 10:00'):
        assert expected in text, expected
    assert 'Geheim' not in text
    assert 'Carla' not in text  # she is not Anna's case worker: the team speaks
    assert text.index('Team A', text.index('Wann kommt')) < text.index('Ihr Antrag ist da.')


async def test_the_labels_are_german_then_english_for_an_english_reader(portal: Portal, anna: Actor,
                                                                        talk: ConversationView) -> None:
    text = text_of(await portal.chat.transcript_pdf(anna, talk.id, 'en'))
    assert 'Gesprächsverlauf' in text and 'Chat transcript' in text and 'Customer number' in text


@pytest.mark.parametrize(('language', 'message'), [('ar', ARABIC), ('ur', URDU), ('ti', TIGRINYA)])
async def test_arabic_urdu_and_tigrinya_render_with_real_glyphs_of_their_script(
        portal: Portal, anna: Actor, carla: Actor, talk: ConversationView, language: str, message: str) -> None:
    portal.chat.post(carla, talk.id, message, 'client-0002')
    pdf = await portal.chat.transcript_pdf(anna, talk.id, language)
    font = FONTS[language]
    drawn = in_font(pdf, font)
    label = unicodedata.normalize('NFKC', Translator(language)('chat.transcript.title'))
    assert label in drawn, drawn
    assert all(word in drawn for word in message.split()[:1]), drawn
    needed = letters(message + Translator(language)('chat.transcript.messages'))
    assert needed <= letters_with_glyphs(pdf, font)


def test_with_a_latin_only_font_the_glyph_check_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above is real: without the Noto fonts the same transcript has no Arabic or Ethiopic glyphs."""
    facts = TranscriptFacts(Letterhead('Landkreis Musterland', Path('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf')),
                            'ar', 'Anna Alpha', '123K000001', 'benefits', 'Team A', datetime(2026, 11, 23, tzinfo=UTC),
                            datetime(2026, 11, 23, tzinfo=UTC), None, datetime(2026, 11, 23, tzinfo=UTC),
                            (Entry(datetime(2026, 11, 23, tzinfo=UTC), 'staff', 'Team A', ARABIC),
                             Entry(datetime(2026, 11, 23, tzinfo=UTC), 'staff', 'Team A', TIGRINYA)))
    with_noto = transcript_pdf(facts)
    assert letters(ARABIC) <= letters_with_glyphs(with_noto, 'NotoNaskhArabic')
    monkeypatch.setattr(paper, 'SCRIPT_FONTS', {name: Path('/nonexistent.ttf') for name in paper.SCRIPT_FONTS})
    latin_only = transcript_pdf(facts)
    assert not letters(ARABIC) <= letters_with_glyphs(latin_only, 'NotoNaskhArabic')
    assert not letters(TIGRINYA) <= letters_with_glyphs(latin_only, 'NotoSansEthiopic')


def test_only_the_customer_and_the_teams_staff_get_the_transcript_and_staff_are_audited(
        portal: Portal, world: World, anna: Actor, bernd: Actor, carla: Actor, otto: Actor,
        talk: ConversationView) -> None:
    for stranger in (bernd, otto):
        with pytest.raises(NotFound):
            blocking(portal.chat.transcript_pdf(stranger, talk.id, 'de'))
    assert blocking(portal.chat.transcript_pdf(carla, talk.id, 'de')).startswith(b'%PDF-')
    with portal.database.session() as session:
        actions = session.exec(select(AuditEntry.action).where(AuditEntry.customer_id == world.citizen_a.id)).all()
    assert 'chat.transcript' in actions
