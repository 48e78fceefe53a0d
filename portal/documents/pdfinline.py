"""Inline images (``BI <dictionary> ID <data> EI``) in a decoded content stream, read without trusting a parser.

Two parsers can disagree about where a string, a comment or an inline image's data ends, and PDFium's opinion is
the one that costs memory. So nothing here rests on such an opinion: every ``BI`` keyword in the stream is
examined wherever it stands, and the dictionary after it is read with a small tokenizer (names with ``#xx``
escapes resolved, abbreviated keys spelt out, strings, arrays and dictionaries read as wholes) up to ``ID`` or
whatever else ends it. A ``BI`` inside a string or inside image data is harmless: it rarely has a dictionary, and
never the dictionary of a huge image unless someone wrote one there on purpose.
"""
import re
from collections.abc import Iterator
from dataclasses import dataclass

from portal.core.errors import InvalidInput

MAX_DICTIONARY = 16_384  # bytes: an inline image's dictionary is short (the standard keeps inline images small)
MAX_NESTING = 32  # arrays and dictionaries inside the dictionary
DELIMITERS = rb'\x00\t\n\x0c\r ()<>\[\]{}/%'
BEGIN = re.compile(rb'(?<![^%s])BI(?![^%s])' % (DELIMITERS, DELIMITERS))
SKIP = re.compile(rb'(?:[\x00\t\n\x0c\r ]+|%[^\r\n]*)*')
NAME = re.compile(rb'/[^%s]*' % DELIMITERS)
REGULAR = re.compile(rb'[^%s]+' % DELIMITERS)
HEX_STRING = re.compile(rb'<[^>]*>')
PARENTHESIS = re.compile(rb'[()\\]')
ESCAPE = re.compile(rb'#([0-9A-Fa-f]{2})')
NUMBER = re.compile(rb'[+-]?(\d*)')
WHITESPACE = b'\x00\t\n\x0c\r '
KEYS = {'/BPC': '/BitsPerComponent', '/CS': '/ColorSpace', '/D': '/Decode', '/DP': '/DecodeParms',
        '/F': '/Filter', '/H': '/Height', '/I': '/Interpolate', '/IM': '/ImageMask', '/W': '/Width'}
HUGE = 10 ** 18  # stands for any number of more digits than that


@dataclass(frozen=True)
class InlineImage:
    """One ``BI`` and what follows it. ``entries`` lists every value given for a key, keys spelt out (``/W`` and
    ``/Width`` both under ``/Width``), so a key given twice cannot hide its larger value. ``data`` is the offset
    where the image data starts; ``start`` that of ``BI``."""

    start: int
    entries: dict[str, list[object]]
    data: int


def inline_images(content: bytes) -> Iterator[InlineImage]:
    """Every ``BI`` in ``content`` with the dictionary read after it; refuses a dictionary that does not end within
    ``MAX_DICTIONARY`` bytes."""
    view = memoryview(content)
    for found in BEGIN.finditer(content):
        yield _image(view, found.start(), found.end())


def _image(content: memoryview, start: int, at: int) -> InlineImage:
    window = content[:at + MAX_DICTIONARY]  # bounds the work of one dictionary, however it is built
    entries: dict[str, list[object]] = {}
    while True:
        kind, token, after = _token(window, at)
        if kind != 'name':
            break
        key = _name(token)
        value, at = _value(window, after, 0)
        entries.setdefault(KEYS.get(key, key), []).append(value)
    if kind == 'end' and len(window) < len(content):
        raise InvalidInput('documents.error.pdf_too_complex')
    if after < len(content) and content[after] in WHITESPACE:  # one white-space byte separates ID from the data
        after += 1
    return InlineImage(start, entries, after)


def _value(data: memoryview, at: int, depth: int) -> tuple[object, int]:
    """A number (its integer part), a name, a list, a dict, or None for anything else (strings, keywords)."""
    kind, token, after = _token(data, at)
    if kind == 'open':
        return _container(data, after, token, depth + 1)
    if kind == 'name':
        return _name(token), after
    if kind == 'regular':
        return _number(token), after
    return None, after


def _container(data: memoryview, at: int, opener: bytes, depth: int) -> tuple[object, int]:
    if depth > MAX_NESTING:
        raise InvalidInput('documents.error.pdf_too_complex')
    items: list[object] = []
    while True:
        kind, _, after = _token(data, at)
        if kind in ('close', 'end'):
            break
        item, at = _value(data, at, depth)
        items.append(item)
    if opener != b'<<':
        return items, after
    return {key: value for key, value in zip(items[::2], items[1::2], strict=False) if isinstance(key, str)}, after


def _token(data: memoryview, at: int) -> tuple[str, bytes, int]:
    """The kind of the token at ``at`` (after white space and comments), its bytes where they matter, its end."""
    at = _always(SKIP, data, at).end()
    if at >= len(data):
        return 'end', b'', at
    first = data[at]
    if first == ord('/'):
        name = _always(NAME, data, at)
        return 'name', bytes(name.group()), name.end()
    if first == ord('('):
        return 'string', b'', _string_end(data, at + 1)
    if bytes(data[at:at + 2]) in (b'<<', b'>>'):
        return ('open' if first == ord('<') else 'close'), bytes(data[at:at + 2]), at + 2
    if first in b'[{':
        return 'open', bytes(data[at:at + 1]), at + 1
    if first in b']}':
        return 'close', b'', at + 1
    if first == ord('<'):
        found = HEX_STRING.match(data, at)
        return 'string', b'', found.end() if found else len(data)
    found = REGULAR.match(data, at)
    if found:
        return 'regular', bytes(found.group()), found.end()
    return 'other', b'', at + 1  # a stray ')' or '>'


def _always(pattern: re.Pattern[bytes], data: bytes | memoryview, at: int = 0) -> re.Match[bytes]:
    """The match of a pattern that matches wherever it is used (``SKIP`` and ``NUMBER`` may match nothing, ``NAME``
    is only tried at a ``/``); a failure would mean a broken pattern, reported like any unreadable PDF."""
    found = pattern.match(data, at)
    if found is None:
        raise InvalidInput('documents.error.pdf_invalid')
    return found


def _string_end(data: memoryview, at: int) -> int:
    """The end of a literal string whose ``(`` is just before ``at``: parentheses nest, a backslash escapes."""
    depth = 1
    while depth:
        found = PARENTHESIS.search(data, at)
        if found is None:
            return len(data)
        at = found.end()
        if data[found.start()] == ord('\\'):
            at += 1
        else:
            depth += 1 if data[found.start()] == ord('(') else -1
    return at


def _name(token: bytes) -> str:
    return ESCAPE.sub(lambda escape: bytes([int(escape.group(1), 16)]), token).decode('latin-1')


def _number(token: bytes) -> int | None:
    """The integer part of a number (as PDFium reads a width), None for a keyword such as ``true``."""
    if not token or token[:1] not in b'+-.0123456789':
        return None
    digits = _always(NUMBER, token).group(1)
    value = int(digits) if len(digits) <= 18 else HUGE
    return -value if token.startswith(b'-') else value
