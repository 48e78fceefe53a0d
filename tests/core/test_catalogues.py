"""Every language has every key of the German source, nothing stray, and the same placeholders."""
import json

import pytest

from portal.core.i18n import LANGUAGES, SOURCE, Translator, catalogue, catalogue_files, placeholders

OTHERS = [code for code in LANGUAGES if code != SOURCE]


@pytest.mark.parametrize('code', OTHERS)
def test_a_catalogue_has_no_missing_keys(code: str) -> None:
    missing = sorted(set(catalogue(SOURCE)) - set(catalogue(code)))
    assert missing == [], f'{code} lacks {missing}'


@pytest.mark.parametrize('code', OTHERS)
def test_a_catalogue_has_no_stray_keys(code: str) -> None:
    stray = sorted(set(catalogue(code)) - set(catalogue(SOURCE)))
    assert stray == [], f'{code} has keys German does not: {stray}'


@pytest.mark.parametrize('code', OTHERS)
def test_a_catalogue_keeps_every_placeholder(code: str) -> None:
    source, target = catalogue(SOURCE), catalogue(code)
    broken = [key for key in source if key in target and placeholders(source[key]) != placeholders(target[key])]
    assert broken == [], f'{code} breaks placeholders in {broken}'


@pytest.mark.parametrize('code', OTHERS)
def test_a_catalogue_is_a_translation_not_a_copy_of_the_german(code: str) -> None:
    source, target = catalogue(SOURCE), catalogue(code)
    same = [key for key, text in source.items() if target.get(key) == text and len(text) > 12]
    assert len(same) <= len(source) // 20, f'{code} copies German texts: {same[:10]}'


def test_no_key_is_defined_in_two_area_files() -> None:
    for code in LANGUAGES:
        seen: dict[str, str] = {}
        for path in catalogue_files(code):
            for key in json.loads(path.read_text(encoding='utf-8')):
                assert key not in seen, f'{code}: {key} is in {seen.get(key)} and {path}'
                seen[key] = str(path)


def test_a_placeholder_is_filled_in_every_language() -> None:
    for code in LANGUAGES:
        text = Translator(code)('auth.too_many_attempts', minutes=7)
        assert '7' in text and '{' not in text
