"""Setting up a machine: `make` installs missing Debian packages as root and tells anybody else what to run."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']


@pytest.mark.skipif(not shutil.which('make'), reason='needs make')
def test_without_root_a_missing_system_package_is_named_with_the_command_to_install_it() -> None:
    if os.geteuid() == 0 and not shutil.which('setpriv'):
        pytest.skip('needs setpriv to run make as somebody else than root')
    as_somebody = NOBODY if os.geteuid() == 0 else []
    result = subprocess.run([*as_somebody, 'make', '-s', '-C', str(ROOT), 'system',
                             'SYSTEM_PACKAGES=portal-test-missing-package fonts-dejavu-core'],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode != 0
    assert 'Missing Debian packages: portal-test-missing-package\n' in result.stdout
    assert '  sudo apt-get install -y --no-install-recommends portal-test-missing-package\n' in result.stdout
