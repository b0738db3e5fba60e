from io import StringIO

import pytest
from django.core.management import call_command

from tests.once import built_once


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo practice, seeded once per test module (seeding takes seconds); its
    tests read it, or run seed_demo again on top of it, as `make run` does."""
    with built_once(django_db_blocker):
        call_command("seed_demo", stdout=StringIO())
        yield
