"""Data that tests only read, built once per test module instead of once per test.

Inside `built_once` the data is written in a transaction that is rolled back when
the module's last test is done; each test (with the `db` fixture) runs in a
savepoint inside it, so whatever a test writes is undone before the next one.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from pytest_django import DjangoDbBlocker


@contextmanager
def built_once(django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
