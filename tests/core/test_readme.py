"""The README's configuration table names every setting."""
from pathlib import Path

from portal.core.settings import Settings

README = Path(__file__).parents[2] / 'README.md'


def test_the_readme_documents_every_setting() -> None:
    text = README.read_text(encoding='utf-8')
    missing = [name for name in Settings.model_fields if f'`PORTAL_{name.upper()}`' not in text]
    assert missing == []
