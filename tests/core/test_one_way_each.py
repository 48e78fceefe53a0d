"""One way to do each common thing in the UI layers, so a change is made in one place: the double-click guard
(``busy_button``), the skeleton of a page in the navigation (``menu_page``), reading an id from an address
(``portal.core.ids``) and the colours of a document's status."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = [*(ROOT / 'pages').rglob('*.py'), *(ROOT / 'components').rglob('*.py')]


def sources(pattern: str) -> list[str]:
    """The UI modules (relative paths) whose text matches ``pattern``."""
    return sorted(str(path.relative_to(ROOT)) for path in UI if re.search(pattern, path.read_text(encoding='utf-8')))


def test_only_the_busy_button_guards_against_double_clicks() -> None:
    assert sources(r"props\.get\('loading'\)") == ['components/core/busy.py']


def test_the_staff_list_pages_share_one_skeleton() -> None:
    listed = ['pages/audit/log.py', 'pages/chat/replies.py', 'pages/chat/staff_inbox.py', 'pages/chat/team_settings.py',
              'pages/documents/inbox.py', 'pages/people/customers.py', 'pages/people/staff.py', 'pages/people/teams.py']
    assert sources(r'@menu_page\(') == listed
    assert set(sources(r'NAVIGATION\.append|ADMINS = ')) & set(listed) == set()


def test_an_id_from_an_address_is_read_in_one_place() -> None:
    """Pages and components never parse ids themselves: ``portal.core.ids`` (``Id``, ``as_id``) does."""
    assert sources(r'def _?identifier\(|def _?as_id\(') == []


def test_a_status_has_its_colour_in_one_place() -> None:
    assert sources(r'STATUS_COLOURS = ') == ['components/documents/document_cards.py']
