"""The named people every test shares (STYLE.md):

ana   therapist, Ben's               ben   client, Ana's
cara  therapist, not Ben's           dana  client, Cara's
ed    practice admin                 fay   a supporter Ben invited (no practice role)
gus   therapist of another practice
"""

import gc
import os
import uuid

import django
import django.conf

# The test runner is what puts Cairn in testing mode (config/settings.py reads
# CAIRN_TESTING; `make run` and `manage.py runserver` never set it). It must be in
# the environment before the settings load, and pytest-django loads the settings it
# is given before any conftest.py: so the settings are named here, not in
# pyproject.toml. xdist's workers and the e2e live server inherit both.
os.environ["CAIRN_TESTING"] = "true"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.models import CareRelationship, Practice, Role
from cairn.care.tokens import new_token, token_hash
from cairn.goals.tests.factories import BarrierFactory, MilestoneFactory, PlanFactory, VisionFactory
from cairn.interop.tests.factories import CalendarFeedFactory
from cairn.journal.tests.factories import JournalEntryFactory
from cairn.measures.tests.factories import MeasureAssignmentFactory, MeasureResponseFactory
from cairn.progress.tests.factories import WinFactory
from cairn.routines.tests.factories import RoutineFactory
from cairn.safety.tests.factories import CrisisSettingsFactory
from cairn.sessions.tests.factories import AgendaItemFactory, TherapySessionFactory
from cairn.sharing.tests.factories import CheerFactory, SupportGrantFactory
from tests.factories import PracticeFactory, UserFactory, client_of, goal_for, named

if not django.conf.settings.TESTING:
    # pytest-django loaded the settings first (from --ds, or DJANGO_SETTINGS_MODULE in
    # the shell) while CAIRN_TESTING was unset: every page would redirect to HTTPS.
    raise pytest.UsageError(
        "Run the tests with CAIRN_TESTING=true, or without --ds and DJANGO_SETTINGS_MODULE."
    )
# The longest tests, started first so that the test workers finish together rather
# than one waiting on a browser test picked up last (scripts/test.sh hands tests out
# a few at a time). Longest first: the 390 px crawl, the other browser tests, then
# the ones that start Cairn in processes of its own.
LONGEST_FIRST = (
    "tests/e2e/test_client_phone.py",
    "tests/e2e/",
    "tests/test_crash.py",
    "cairn/core/tests/test_backup.py",
    "cairn/api/tests/test_api_schema.py",
    "cairn/home/tests/test_seed_demo.py",
    "cairn/core/tests/test_security_headers.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        for position, prefix in enumerate(LONGEST_FIRST):
            if item.nodeid.startswith(prefix):
                return position
        return len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: within each rank, pytest's own order


def pytest_collection_finish(session: pytest.Session) -> None:
    """Python's cycle collector scanned every object Django, the libraries and the
    collected tests made at start-up, hundreds of thousands, on each full pass, and
    the tests' own objects set a pass off every few thousand allocations: about 7% of
    the suite's CPU. Frozen, the start-up objects are never scanned again; the higher
    first threshold runs the collector less often (what it frees is freed all the same)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)


@pytest.fixture(autouse=True)
def _audit_log_left_empty(request):
    """A test that commits for real leaves no audit events behind (tests/audit_reset.py)."""
    yield
    if "transactional_db" in request.fixturenames:
        from tests.audit_reset import empty_audit_log

        empty_audit_log()


@pytest.fixture(scope="session", autouse=True)
def _fast_and_contained():
    """Quick password hashes, and tasks run at once in the test's own transaction.
    Set once for the whole run (a test may still change them with `settings`), so
    that data built once per module (tests/once.py) is made the same way. Not in
    config/settings.py: the processes tests/test_crash.py starts in testing mode run
    the real task queue."""
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}},
    ):
        yield


@pytest.fixture(scope="session", autouse=True)
def _static_files_listed_once():
    """Under test, WhiteNoise serves static files from the source tree and lists all
    of them whenever its middleware is made, which Django's test client does once per
    client, so once per test: that listing was a third of a typical view test's time.
    Each worker lists them once; each new middleware gets the same list."""
    from whitenoise.middleware import WhiteNoiseMiddleware

    list_them = WhiteNoiseMiddleware.add_files_from_finders
    listed: dict = {}

    def add_files_from_finders(self) -> None:
        if not listed:
            before = set(self.files)
            list_them(self)
            listed.update({url: f for url, f in self.files.items() if url not in before})
        else:
            self.files.update(listed)

    WhiteNoiseMiddleware.add_files_from_finders = add_files_from_finders
    yield
    WhiteNoiseMiddleware.add_files_from_finders = list_them


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's set-up, but each worker starts from a copy of a template that
    was migrated once (tests/template_db.py) instead of migrating its own."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    from tests.template_db import worker_database_from_template

    verbosity = request.config.option.verbose
    run_id = getattr(request.config, "workerinput", {}).get("testrunuid") or uuid.uuid4().hex
    with django_db_blocker.unblock():
        worker_database_from_template(rebuild=django_db_createdb, run_id=run_id)
        aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
        databases = setup_databases(
            verbosity=verbosity,
            interactive=False,
            keepdb=True,  # the copy is there; Django only checks nothing is left to migrate
            aliases=aliases,
            serialized_aliases=serialized_aliases,
        )
    yield
    with django_db_blocker.unblock():
        _end_other_sessions()
        teardown_databases(databases, verbosity=verbosity, keepdb=django_db_keepdb)


def _end_other_sessions() -> None:
    """The browser tests' live server answers each request in a thread of its own,
    and on PostgreSQL each thread's persistent connection can outlive the test; the
    test database cannot be dropped while any is open, so they are ended first."""
    from django.db import connections

    connections.close_all()
    for alias in connections:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        with connection._nodb_cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                [connection.settings_dict["NAME"]],
            )


@pytest.fixture
def practice(db) -> Practice:
    return PracticeFactory(name="Willowbank Therapy")


@pytest.fixture
def other_practice(db) -> Practice:
    return PracticeFactory(name="Foxglove Counselling")


@pytest.fixture
def urgent_help(practice) -> str:
    """The practice's own words on what to do if someone needs urgent help, saved in its
    crisis settings (the footer of every page shows them)."""
    words = "In an emergency call 999, or the Samaritans on 116 123."
    CrisisSettingsFactory(practice=practice, urgent_help=words)
    return words


@pytest.fixture
def ana(practice) -> User:
    return named(practice, Role.THERAPIST, "Ana Thornbury")


@pytest.fixture
def cara(practice) -> User:
    return named(practice, Role.THERAPIST, "Cara Delacourt")


@pytest.fixture
def ben(ana) -> User:
    return client_of(ana, "Ben Marchetti")


@pytest.fixture
def ana_and_ben(ana, ben) -> CareRelationship:
    return CareRelationship.objects.get(therapist=ana, client=ben)


@pytest.fixture
def dana(cara) -> User:
    return client_of(cara, "Dana Okonkwo-Reyes")


@pytest.fixture
def ed(practice) -> User:
    return named(practice, Role.ADMIN, "Ed Pemberton")


@pytest.fixture
def fay(db) -> User:
    """A supporter: on Cairn, in no practice."""
    return UserFactory(email="fay@example.test", name="Fay Lindqvist")


@pytest.fixture
def gus(other_practice) -> User:
    return named(other_practice, Role.THERAPIST, "Gus Varga")


@pytest.fixture
def everyone(ana, ben, cara, dana, ed, fay, gus) -> dict[str, User]:
    return {"ana": ana, "ben": ben, "cara": cara, "dana": dana, "ed": ed, "fay": fay, "gus": gus}


@pytest.fixture
def goal(ben, ana):
    """Ben's goal, which he proposed and Ana agreed to."""
    return goal_for(ben, by=ben, agreed_by=ana)


@pytest.fixture
def barrier(goal):
    return BarrierFactory(goal=goal)


@pytest.fixture
def plan(goal, barrier):
    return PlanFactory(goal=goal, barriers=[barrier])


@pytest.fixture
def milestone(goal):
    return MilestoneFactory(goal=goal, position=1, reward="A new paperback")


@pytest.fixture
def vision(ben):
    return VisionFactory(
        client=ben,
        focus_areas=["sleep", "mood"],
        relationships="Closer to my brother",
        challenges_overcome="Sunday dread",
        values="Family, being outdoors",
    )


@pytest.fixture
def private_entry(ben):
    return JournalEntryFactory(client=ben, tags=" sleep work ")


@pytest.fixture
def shared_entry(ben):
    return JournalEntryFactory(
        client=ben, title="For Ana", body="The walk on Sunday *helped*.", shared=True
    )


@pytest.fixture
def therapy_session(ana, ben):
    """A session Ana held with Ben today, at midnight so that it is never in the future."""
    return TherapySessionFactory(client=ben, therapist=ana, status="held")


@pytest.fixture
def agenda_item(ben):
    return AgendaItemFactory(client=ben)


@pytest.fixture
def fays_grant(fay, ben, goal):
    """Fay follows Ben's goal and all his wins; she accepted his invitation."""
    return SupportGrantFactory(
        client=ben,
        supporter=fay,
        email=fay.email,
        relationship="my sister",
        all_wins=True,
        token_hash="fay-accepted",
        accepted_at=timezone.now(),
        goals=[goal],
    )


@pytest.fixture
def bens_win(ben):
    return WinFactory(client=ben)


@pytest.fixture
def cheer(fays_grant, goal):
    return CheerFactory(grant=fays_grant, goal=goal)


@pytest.fixture
def pending_invitation(ben):
    """Ben's invitation to someone not yet on Cairn; returns the link's token."""
    token = new_token()
    SupportGrantFactory(
        client=ben, email="hal@example.test", all_wins=True, token_hash=token_hash(token)
    )
    return token


@pytest.fixture
def routine(ben):
    return RoutineFactory(client=ben, times=3, period="week")


@pytest.fixture
def calendar_feed(ben):
    return CalendarFeedFactory(client=ben)


@pytest.fixture
def measure_assignment(ben, ana):
    """Ana asked Ben for a PHQ-9 every two weeks, from today."""
    return MeasureAssignmentFactory(
        client=ben, schedule="every_weeks", every_weeks=2, assigned_by=ana
    )


@pytest.fixture
def measure_response(ben):
    """Ben's PHQ-9 of a week ago: 8, mild, nothing on question 9."""
    return MeasureResponseFactory(client=ben, completed_at=timezone.now() - timedelta(days=7))
