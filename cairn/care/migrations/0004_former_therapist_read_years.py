from django.db import migrations


class Migration(migrations.Migration):
    """Practice.retention_years was the years a former therapist keeps read access,
    easily taken for how long the practice keeps records (interop's RetentionPolicy).
    A rename: the column keeps its values."""

    dependencies = [
        ("care", "0003_practice_reference"),
    ]

    operations = [
        migrations.RenameField(
            model_name="practice",
            old_name="retention_years",
            new_name="former_therapist_read_years",
        ),
    ]
