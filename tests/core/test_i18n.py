"""Languages: choosing one, writing direction, and dates and numbers in the reader's format."""
from datetime import UTC, date, datetime

from portal.core.i18n import Translator, best_match, normalise


def test_arabic_farsi_and_urdu_read_right_to_left_and_the_others_left_to_right() -> None:
    directions = {code: Translator(code).direction for code in ('de', 'en', 'ar', 'fa', 'ur', 'ti')}
    assert directions == {'de': 'ltr', 'en': 'ltr', 'ar': 'rtl', 'fa': 'rtl', 'ur': 'rtl', 'ti': 'ltr'}


def test_the_browser_preference_picks_the_first_supported_language() -> None:
    assert best_match('pl-PL,pl;q=0.9,ar;q=0.8,en;q=0.5') == 'ar'
    assert best_match('fr-FR') == 'de'
    assert best_match('') == 'de'
    assert best_match('en;q=0.2,fa-IR;q=0.9') == 'fa'
    assert best_match('fr-FR', fallback='en') == 'en'


def test_unknown_language_codes_fall_back_to_german() -> None:
    assert normalise('xx') == 'de'
    assert normalise('EN-gb') == 'en'
    assert normalise(None) == 'de'


def test_dates_are_written_the_way_each_language_writes_them() -> None:
    day = date(2026, 11, 30)
    assert Translator('de').date(day, 'long') == '30. November 2026'
    assert Translator('en').date(day, 'long') == '30 November 2026'
    assert 'نوفمبر' in Translator('ar').date(day, 'long')


def test_times_are_shown_in_the_job_centres_time_zone() -> None:
    winter_morning = datetime(2026, 11, 30, 8, 30, tzinfo=UTC)
    assert Translator('de').time(winter_morning) == '09:30'


def test_numbers_use_the_local_separators() -> None:
    assert Translator('de').number(1234.5) == '1.234,5'
    assert Translator('en').number(1234.5) == '1,234.5'


def test_weekdays_are_named_in_the_language() -> None:
    assert Translator('de').weekday(0) == 'Montag'
    assert Translator('en').weekday(4) == 'Friday'


def test_typed_text_is_set_apart_inside_right_to_left_sentences_only() -> None:
    """A German reason inside an Arabic sentence keeps its full stop at its own end, not at the sentence's start."""
    reason = 'Die zweite Seite fehlt.'
    assert Translator('ar').embedded(reason) == f'\u2068{reason}\u2069'
    assert Translator('de').embedded(reason) == reason
