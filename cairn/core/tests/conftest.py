import os
from pathlib import Path

import pytest


@pytest.fixture
def worker_lock_of_its_own(settings):
    """The worker command lets one worker run per machine, through a lock in var/.
    The test processes of one run share var/, so a test holding the lock in one of
    them made another's `worker --batch` refuse to start: each process has its own."""
    name = os.environ.get("PYTEST_XDIST_WORKER")
    if name:
        settings.VAR_DIR = Path(settings.VAR_DIR) / f"worker-lock-{name}"
        settings.VAR_DIR.mkdir(mode=0o700, exist_ok=True)
