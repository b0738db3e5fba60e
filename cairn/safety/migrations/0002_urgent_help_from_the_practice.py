"""What a client does when they need urgent help from their practice gets one home: the
practice's crisis settings. Each practice's free-text "crisis line" moves, word for
word, into its settings' `urgent_help` (a practice with none gets the settings it was
shown until now: its country's defaults); care 0005 then drops the old field.

This migration runs before care 0005 (`run_before`), so care's migrations know nothing
of safety. Going back (`migrate safety 0001`) takes care 0005 back first, then puts
each practice's words back where they were."""

from django.db import migrations, models
from django.db.models import F

# What crisis_settings_of gave a practice without a row on the day of this migration
# (safety/crisis.py's DEFAULT_COUNTRY and its default lines), frozen here as a
# migration must be: a row made now shows clients the same lines as before.
DEFAULT_COUNTRY = "GB"
DEFAULT_LINES = ["samaritans", "shout"]


def move_to_crisis_settings(apps, schema_editor):
    Practice = apps.get_model("care", "Practice")
    CrisisSettings = apps.get_model("safety", "CrisisSettings")
    for practice in Practice.objects.exclude(crisis_line="").iterator():
        saved = CrisisSettings.objects.filter(practice=practice).first()
        if saved is None:
            CrisisSettings.objects.create(
                practice=practice,
                country=DEFAULT_COUNTRY,
                national_lines=list(DEFAULT_LINES),
                urgent_help=practice.crisis_line,
            )
        else:
            # The settings changed: a form open on them now is out of date.
            CrisisSettings.objects.filter(pk=saved.pk).update(
                urgent_help=practice.crisis_line, version=F("version") + 1
            )


def move_back_to_practice(apps, schema_editor):
    Practice = apps.get_model("care", "Practice")
    CrisisSettings = apps.get_model("safety", "CrisisSettings")
    for saved in CrisisSettings.objects.exclude(urgent_help="").iterator():
        Practice.objects.filter(pk=saved.practice_id).update(crisis_line=saved.urgent_help)


class Migration(migrations.Migration):
    dependencies = [
        ("care", "0004_former_therapist_read_years"),
        ("safety", "0001_initial"),
    ]
    run_before = [("care", "0005_practice_crisis_line_moved_to_safety")]

    operations = [
        migrations.AddField(
            model_name="crisissettings",
            name="urgent_help",
            field=models.TextField(
                blank=True,
                help_text=(
                    "What someone should do if they need urgent help outside sessions, in "
                    "your own words. Shown at the foot of every page, the sign-in page too."
                ),
                max_length=500,
                verbose_name="what to do if someone needs urgent help",
            ),
        ),
        migrations.RunPython(move_to_crisis_settings, move_back_to_practice),
    ]
