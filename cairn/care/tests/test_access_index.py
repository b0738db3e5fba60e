"""care/access.py's docstring is the index a newcomer reads to answer "who may do X":
every name it gives in backticks is one that exists, in access.py itself or, written
out from the app (`goals.sides.goal_may_agree`), where a rule lives above care; and
every function and class access.py defines is in it. A rename that leaves the index
pointing nowhere, or a rule added without a line in the index, fails here."""

import importlib
import re
from types import ModuleType

from cairn.care import access

NAMED = re.compile(r"`([^`]+)`")


def _resolve(name: str) -> object:
    """The object `name` names: access.py's own (`checked`, `Access.can_steer`), or a
    path under cairn (`sharing.selectors.shared_record`, `api.models.ApiToken.can_write`)."""
    parts = name.split("(")[0].split(".")
    if hasattr(access, parts[0]):
        found: object = access
        rest = parts
    else:
        # The longest module path that imports, then attributes on it.
        for cut in range(len(parts), 0, -1):
            try:
                found = importlib.import_module("cairn." + ".".join(parts[:cut]))
            except ModuleNotFoundError:
                continue
            rest = parts[cut:]
            break
        else:
            raise AssertionError(f"`{name}`: no such module under cairn")
    for part in rest:
        assert hasattr(found, part), f"`{name}`: {part} is not in {found!r}"
        found = getattr(found, part)
    return found


def names_in_the_index() -> list[str]:
    # `*_get_for` names a family of selectors, not one name.
    return [name for name in NAMED.findall(access.__doc__ or "") if "*" not in name]


def test_the_index_names_what_exists():
    names = names_in_the_index()
    assert len(names) > 40
    for name in names:
        _resolve(name)


def test_the_index_reaches_rules_above_care():
    # The rules care cannot import are named where they live.
    assert isinstance(_resolve("goals.sides"), ModuleType)
    assert callable(_resolve("sharing.selectors.grant_for_supporter"))
    assert callable(_resolve("care.selectors.practice_get_for(admin=True)"))


def test_a_name_that_went_away_is_caught():
    for gone in ("may_read_everything", "goals.sides.goal_may_veto", "nowhere.at_all"):
        try:
            _resolve(gone)
        except AssertionError:
            continue
        raise AssertionError(f"{gone} should not resolve")


def test_every_rule_in_access_is_in_the_index():
    # A function or class added to access.py is a "who may" answer: the index says so.
    named = {name.split("(")[0] for name in names_in_the_index()}
    defined = {
        name
        for name, value in vars(access).items()
        if not name.startswith("_")
        and getattr(value, "__module__", None) == access.__name__
        and not name.isupper()  # the Access values, which access_for's words name
    }
    assert defined - named == set()
