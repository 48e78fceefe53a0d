"""A conversation's transcript as PDF (Gesprächsverlauf): what the customer sees of it, never internal notes.

Built like the receipt (``portal.core.paper``): labels German first, then the reader's language in its own script
and direction; messages as written, each in the font of its script. ``transcript_pdf`` is module-level and pure,
so it runs in a worker process.
"""
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from fpdf import FPDF

from portal.core.i18n import SOURCE, Translator
from portal.core.paper import MARGIN, Bilingual, Letterhead, Text, new_paper, row, write

GREY = (90, 90, 90)


@dataclass(frozen=True)
class Entry:
    """One message or event as the customer sees it. ``author`` is the name shown (the customer's, the case
    worker's or the team's); ``event`` is the code of an event (then ``text`` is empty)."""

    at: datetime
    side: str  # customer, staff, system
    author: str
    text: str = ''
    event: str = ''
    detail: dict = field(default_factory=dict)
    file_name: str = ''


@dataclass(frozen=True)
class TranscriptFacts:
    """Everything the transcript states; times are aware UTC (shown in Europe/Berlin)."""

    letterhead: Letterhead
    language: str
    customer_name: str
    customer_number: str
    concern: str
    team: str
    started_at: datetime
    last_message_at: datetime
    closed_at: datetime | None
    made_at: datetime
    entries: tuple[Entry, ...]


def transcript_pdf(facts: TranscriptFacts) -> bytes:
    """The transcript; ``FileNotFoundError`` when the configured font is missing."""
    pdf, fonts = new_paper(Path(facts.letterhead.font), Translator(SOURCE)('chat.transcript.title'))
    both = Bilingual(facts.language, fonts)
    write(pdf, [Text(facts.letterhead.district)], size=10, height=6)
    write(pdf, both('chat.transcript.title'), size=18, height=9)
    pdf.ln(3)
    for label, value in _header(facts, both):
        row(pdf, both(label), value)
    pdf.ln(2)
    write(pdf, both('chat.transcript.messages'), size=12, height=6)
    for entry in facts.entries:
        _entry(pdf, entry, both)
    if not facts.entries:
        write(pdf, both('chat.transcript.none'), size=10, height=5)
    return bytes(pdf.output())


def _header(facts: TranscriptFacts, both: Bilingual) -> list[tuple[str, list[Text]]]:
    german = both.german
    rows = [
        ('chat.transcript.customer', both.value(facts.customer_name)),
        ('chat.transcript.customer_number', [Text(facts.customer_number)]),
        ('chat.transcript.concern', both(f'chat.concern.{facts.concern}')),
        ('chat.transcript.team', both.value(facts.team)),
        ('chat.transcript.started', [Text(german.datetime(facts.started_at, 'short'))]),
        ('chat.transcript.last_message', [Text(german.datetime(facts.last_message_at, 'short'))]),
    ]
    if facts.closed_at is not None:
        rows.append(('chat.transcript.closed', [Text(german.datetime(facts.closed_at, 'short'))]))
    rows.append(('chat.transcript.made', [Text(german.datetime(facts.made_at, 'short'))]))
    return rows


def _entry(pdf: FPDF, entry: Entry, both: Bilingual) -> None:
    pdf.ln(2)
    pdf.set_x(MARGIN)
    when = both.german.datetime(entry.at, 'short')
    pdf.set_text_color(*GREY)
    if entry.event:
        write(pdf, [Text(when)], size=8, height=4)
        write(pdf, _event(entry, both), size=9, height=4.5)
        pdf.set_text_color(0, 0, 0)
        return
    write(pdf, [Text(when), *both.value(entry.author)] if entry.author else [Text(when)], size=8, height=4)
    pdf.set_text_color(0, 0, 0)
    if entry.text:
        write(pdf, both.value(entry.text), size=10, height=5)
    if entry.file_name:
        write(pdf, both('chat.transcript.attachment'), size=8, height=4)
        write(pdf, both.value(entry.file_name), size=10, height=5)


def _event(entry: Entry, both: Bilingual) -> list[Text]:
    """An event in both languages; one whose values do not fit its text is named by its code."""
    try:
        return both(f'chat.event.{entry.event}', **entry.detail)
    except (KeyError, IndexError, ValueError):
        return [Text(entry.event)]
