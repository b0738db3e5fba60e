"""safety 0002 moves each practice's free-text crisis line, word for word, into its
crisis settings (care 0005 then drops the old field); going back puts every word where
it was. Run on SQLite and on PostgreSQL (DATABASE_URL)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cairn.safety.selectors import crisis_settings_of

BEFORE = [("care", "0004_former_therapist_read_years"), ("safety", "0001_initial")]
AFTER = [
    ("care", "0005_practice_crisis_line_moved_to_safety"),
    ("safety", "0002_urgent_help_from_the_practice"),
]
# Every word of the longest line a practice could write, lines and accents kept.
LONG_WORDS = ("Out of hours, ring the Saltmere crisis café line.\n" * 10)[:500]


def migrate(targets):
    """The database at `targets`, and its models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before():
    apps = migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_every_practices_words_move_and_come_back(before):
    Practice = before.get_model("care", "Practice")
    CrisisSettings = before.get_model("safety", "CrisisSettings")
    no_row = Practice.objects.create(name="Harbour Light Counselling", crisis_line=LONG_WORDS)
    with_row = Practice.objects.create(name="Foxglove Counselling", crisis_line="Call 911.")
    CrisisSettings.objects.create(
        practice=with_row, country="US", phone="+1 555 0100", national_lines=["988"], version=3
    )
    silent = Practice.objects.create(name="Willowbank Therapy", crisis_line="")

    after = migrate(AFTER)
    CrisisSettings = after.get_model("safety", "CrisisSettings")
    made = CrisisSettings.objects.get(practice_id=no_row.pk)
    assert made.urgent_help == LONG_WORDS
    # The row made for it shows the lines it was shown without one.
    defaults = crisis_settings_of(None)
    assert (made.country, made.national_lines) == (defaults.country, defaults.national_lines)
    kept = CrisisSettings.objects.get(practice_id=with_row.pk)
    assert kept.urgent_help == "Call 911."
    assert (kept.country, kept.phone, kept.national_lines) == ("US", "+1 555 0100", ["988"])
    assert kept.version == 4  # a form open on the old settings is now out of date
    assert not CrisisSettings.objects.filter(practice_id=silent.pk).exists()
    assert "crisis_line" not in {f.name for f in after.get_model("care", "Practice")._meta.fields}

    Practice = migrate(BEFORE).get_model("care", "Practice")
    assert Practice.objects.get(pk=no_row.pk).crisis_line == LONG_WORDS
    assert Practice.objects.get(pk=with_row.pk).crisis_line == "Call 911."
    assert Practice.objects.get(pk=silent.pk).crisis_line == ""
