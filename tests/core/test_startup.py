"""Starting the portal: the server says where it listens (NiceGUI's own welcome message is off)."""
import shutil
from pathlib import Path

from tests.support.server import log_of, running_portal


def test_the_server_says_where_it_listens(tmp_path: Path, sqlite_template: Path) -> None:
    shutil.copy(sqlite_template, tmp_path / 'portal.db')
    with running_portal(tmp_path) as base:
        said = log_of(tmp_path, base).read_text()
    assert f'Jobcenter-Portal listening on {base}\n' in said
