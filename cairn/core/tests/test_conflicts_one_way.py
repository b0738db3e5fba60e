"""Every app detects a lost edit the same way, through cairn/core/conflicts.py: a
second way (its own ConflictError, a version bumped by hand) would drift from it."""

import re
from pathlib import Path

import pytest

CAIRN = Path(__file__).resolve().parents[2]
CONFLICTS = CAIRN / "core" / "conflicts.py"


def _app_code() -> list[Path]:
    return [
        path
        for path in CAIRN.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts and path != CONFLICTS
    ]


@pytest.mark.parametrize(
    ("pattern", "instead"),
    [
        (r"^\s*class ConflictError\b", "raise cairn.core.conflicts.ConflictError"),
        (r"\.version\s*\+=\s*1|\bversion\s*=\s*\w+\.version\s*\+\s*1", "save_next_version(row)"),
    ],
)
def test_it_has_one_way_to_detect_a_conflict(pattern: str, instead: str) -> None:
    found = [
        f"{path.relative_to(CAIRN.parent)}:{number}"
        for path in _app_code()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if re.search(pattern, line)
    ]
    assert not found, f"Use {instead} instead, in: {', '.join(found)}"
