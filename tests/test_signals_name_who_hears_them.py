"""What happens when a lower app announces something is read where the announcement is
defined: each signal in a cairn/<app>/signals.py says, under "Heard by:", every
receiver the running app connects to it (`<app>.<module>.<function>`), and names no
receiver that is not connected. A service that sends one is then read with that list
beside it (care_end: the client is told, the admins when nobody leads, the client's
questionnaires stop), and a new receiver, or a renamed one, fails here until the list
says so.
"""

import importlib
import re
import weakref
from pathlib import Path

import pytest
from django.dispatch import Signal

ROOT = Path(__file__).resolve().parent.parent
SIGNAL_MODULES = sorted((ROOT / "cairn").glob("*/signals.py"))
HEARD_BY = re.compile(r"Heard by:(.*)")
DOTTED = re.compile(r"\b[a-z_]+\.[a-z_]+\.[a-z_]+\b")


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _signals_of(path: Path) -> dict[str, Signal]:
    module = importlib.import_module(_module_name(path))
    return {name: value for name, value in vars(module).items() if isinstance(value, Signal)}


def _receivers_of(signal: Signal) -> set[str]:
    """The app's own receivers connected to `signal` now (a test's stand-in is left out),
    as the list names them: "reminders.receivers.tell_the_client_kindly"."""
    names = set()
    for _key, reference, _sender, _is_async in signal.receivers:
        # Connected weakly (the default), the list holds a weak reference to it.
        function = reference() if isinstance(reference, weakref.ref) else reference
        module = getattr(function, "__module__", "") or ""
        if module.startswith("cairn.") and ".tests" not in module:
            names.add(f"{module.removeprefix('cairn.')}.{function.__qualname__}")
    return names


def named_as_heard(text: str) -> set[str]:
    """Every receiver a signals module names under "Heard by:" (to the end of that
    comment paragraph: the lines after it that go on indented)."""
    names: set[str] = set()
    lines = text.splitlines()
    for number, line in enumerate(lines):
        found = HEARD_BY.search(line)
        if found is None:
            continue
        said = [found.group(1)]
        for more in lines[number + 1 :]:
            if not re.match(r"\s*#\s{2,}\S", more):
                break
            said.append(more)
        names |= set(DOTTED.findall(" ".join(said)))
    return names


def test_the_guard_finds_the_signals():
    assert len(SIGNAL_MODULES) >= 8
    assert all(_signals_of(path) for path in SIGNAL_MODULES)


@pytest.mark.parametrize("path", SIGNAL_MODULES, ids=_module_name)
def test_every_receiver_is_named_where_its_signal_is(path):
    text = path.read_text()
    connected = set().union(*(_receivers_of(signal) for signal in _signals_of(path).values()))
    named = named_as_heard(text)
    assert connected <= named, f"{path.relative_to(ROOT)} should say who hears it (Heard by:)"
    assert named <= connected, f"{path.relative_to(ROOT)} names receivers nobody connected"


def test_it_reads_the_list_as_written():
    text = (
        "# Heard by: reminders.receivers.tell_one (the client is told),\n"
        "#   measures.receivers.stop_asking.\n"
        "# Not this: core.risk.note_risk_in\n"
        "x = 1  # Heard by: nobody yet.\n"
    )
    assert named_as_heard(text) == {
        "reminders.receivers.tell_one",
        "measures.receivers.stop_asking",
    }
