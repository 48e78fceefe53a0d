"""One translation layer: JSON catalogues per language (German is the source), plus Babel formatting.

Catalogues are flat ``{key: text}`` maps in ``portal/<capability>/locales/<code>/<area>.json`` (each capability keeps
its own texts; all are merged on load); placeholders are ``{name}``.
"""
import datetime as dt  # as a module: Translator's methods date, datetime and time would hide the classes
import json
import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_datetime, format_time, get_timezone
from babel.numbers import format_decimal

PORTAL = Path(__file__).parents[1]
SOURCE = 'de'
TIMEZONE = get_timezone('Europe/Berlin')


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    rtl: bool
    babel: str
    quasar: str | None  # Quasar has no Tigrinya pack: its widgets then fall back to English


LANGUAGES: dict[str, Language] = {lang.code: lang for lang in (
    Language('de', 'Deutsch', False, 'de_DE', 'de'),
    Language('en', 'English', False, 'en_GB', 'en-GB'),
    Language('ar', 'العربية', True, 'ar', 'ar'),
    Language('fa', 'فارسی', True, 'fa', 'fa'),
    Language('ur', 'اردو', True, 'ur', 'ur-PK'),
    Language('ti', 'ትግርኛ', False, 'ti', None),
)}


def catalogue_files(code: str) -> list[Path]:
    """The catalogue files of one language, from every capability."""
    return sorted(PORTAL.glob(f'*/locales/{code}/*.json'))


@cache
def catalogue(code: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in catalogue_files(code):
        with path.open(encoding='utf-8') as file:
            merged.update(json.load(file))
    return merged


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields a text uses, so catalogues can be checked against the source."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def normalise(code: str | None) -> str:
    """Map anything a browser or user sends (``ar-SY``, ``EN``) to a supported code, else the source."""
    base = (code or '').strip().lower().replace('_', '-').split('-')[0]
    return base if base in LANGUAGES else SOURCE


def best_match(accept_language: str, fallback: str = SOURCE) -> str:
    """Pick the first supported language from an Accept-Language header, else the fallback."""
    ranked = []
    for part in accept_language.split(','):
        tag, _, quality = part.strip().partition(';q=')
        try:
            ranked.append((float(quality or 1), tag))
        except ValueError:
            continue
    for _, tag in sorted(ranked, key=lambda item: -item[0]):
        base = tag.strip().lower().split('-')[0]
        if base in LANGUAGES:
            return base
    return normalise(fallback)


class Translator:
    """Translate keys and format values for one language."""

    def __init__(self, code: str) -> None:
        self.language = LANGUAGES[normalise(code)]
        self.code = self.language.code
        self._texts = catalogue(self.code)
        self._source = catalogue(SOURCE)

    def __call__(self, key: str, /, **params: object) -> str:
        text = self._texts.get(key) or self._source.get(key) or key
        return text.format(**params) if params else text

    @property
    def direction(self) -> str:
        return 'rtl' if self.language.rtl else 'ltr'

    def embedded(self, text: str) -> str:
        """Text of unknown direction (a reason someone typed, a name) set apart inside a right-to-left sentence, so
        its own direction cannot scramble the sentence around it (Unicode first-strong isolate)."""
        return f'\u2068{text}\u2069' if self.language.rtl else text

    def date(self, value: dt.date, form: str = 'medium') -> str:
        return format_date(value, form, locale=self.language.babel)

    def datetime(self, value: dt.datetime, form: str = 'medium') -> str:
        """Shown in the job centre's time zone."""
        return format_datetime(value, form, tzinfo=TIMEZONE, locale=self.language.babel)

    def time(self, value: dt.datetime, form: str = 'short') -> str:
        return format_time(value, form, tzinfo=TIMEZONE, locale=self.language.babel)

    def clock(self, hhmm: str) -> str:
        """A time of day written 'HH:MM' (opening hours) as the language writes it, e.g. '8:00 ص'."""
        return format_time(dt.time.fromisoformat(hhmm), 'short', locale=self.language.babel)

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.language.babel)

    def weekday(self, index: int, form: str = 'wide') -> str:
        """Monday is 0, as in Python; ``form`` 'abbreviated' gives e.g. 'Mo.'."""
        return Locale.parse(self.language.babel).days['format'][form][index]


def error_message(t: Translator, error: Exception) -> str:
    """The translated message of a domain error; parameters that are catalogue keys are translated too."""
    key = getattr(error, 'key', 'error.generic')
    params = {name: t(value) if isinstance(value, str) and value in catalogue(SOURCE) else value
              for name, value in getattr(error, 'params', {}).items()}
    return t(key, **params)


def field_messages(t: Translator, error: Exception) -> dict[str, str]:
    """The translated problem of each field of an ``InvalidFields`` error, by field name (none for other errors)."""
    return {name: error_message(t, problem) for name, problem in getattr(error, 'problems', {}).items()}
