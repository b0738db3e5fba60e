"""The practice's free-text crisis line now lives in safety's crisis settings (safety
0002 moved every practice's words there before this runs)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("care", "0004_former_therapist_read_years"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="practice",
            name="crisis_line",
        ),
    ]
