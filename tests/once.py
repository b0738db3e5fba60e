"""Data that tests only read, built once per test module instead of once per test.

Inside `built_once` the data is written in a transaction that is rolled back when
the module's last test is done; each test (with the `db` fixture) runs in a
savepoint inside it, so whatever a test writes is undone before the next one.
`fixtures_built_once` builds ordinary fixtures (the named people, Ben's goal…) that
way, so a module keeps writing its recipe as a plain function-scoped fixture.
"""

import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import transaction
from pytest_django import DjangoDbBlocker


@contextmanager
def built_once(django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def fixtures_built_once(request: pytest.FixtureRequest, name: str) -> Any:
    """The fixture `name`, built with what it needs by calling the fixture functions
    themselves, at module scope (call it inside `built_once`). Only plain fixtures
    that need nothing from pytest, each built once however many others need it."""
    return _build(request, name, {})


def _build(request: pytest.FixtureRequest, name: str, built: dict[str, Any]) -> Any:
    if name in built:
        return built[name]
    if name in ("db", "django_db_setup"):
        return None
    definitions = request._fixturemanager.getfixturedefs(name, request.node)
    if not definitions:
        raise LookupError(f"No fixture named {name!r} to build once")
    function = definitions[-1].func
    value = function(
        **{arg: _build(request, arg, built) for arg in inspect.signature(function).parameters}
    )
    if inspect.isgenerator(value):
        raise TypeError(f"The yield fixture {name!r} cannot be built once")
    built[name] = value
    return value
