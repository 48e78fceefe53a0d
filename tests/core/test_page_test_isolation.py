"""One broken page test must not break the page tests after it: a separate pytest runs a module whose first
tests fail on purpose (an ERROR logged in the page, a failed assertion, an exception) and whose last one is fine."""
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULE = '''
import logging

import pytest

pytestmark = pytest.mark.usefixtures('app_env')


async def test_logs_an_error(user):
    await user.open('/login')
    logging.getLogger('nicegui').error('an error logged on purpose')


async def test_fails(user):
    await user.open('/login')
    assert False, 'failed on purpose'


async def test_raises(user):
    await user.open('/login')
    raise RuntimeError('raised on purpose')


async def test_still_sees_the_login_page(user):
    await user.open('/login')
    await user.should_see(marker='identifier')
'''


def test_a_page_test_after_failing_ones_still_passes(tmp_path: Path) -> None:
    (tmp_path / 'test_broken_then_fine.py').write_text(MODULE)
    env = {name: value for name, value in os.environ.items() if not name.startswith('PYTEST_')}
    result = subprocess.run(
        [sys.executable, '-m', 'pytest', '-c', str(ROOT / 'pyproject.toml'), '--rootdir', str(ROOT),
         '-p', 'tests.conftest', '-p', 'no:xdist', '-p', 'no:randomly', '-rA', '-q', str(tmp_path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    found = re.findall(r'^(PASSED|FAILED|ERROR) \S+::(test_\w+)', result.stdout, re.MULTILINE)
    broken = {test for outcome, test in found if outcome != 'PASSED'}
    passed = {test for outcome, test in found if outcome == 'PASSED'} - broken
    assert broken == {'test_logs_an_error', 'test_fails', 'test_raises'}, result.stdout[-3000:]
    assert passed == {'test_still_sees_the_login_page'}, result.stdout[-3000:]
