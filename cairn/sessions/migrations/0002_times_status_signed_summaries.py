import datetime
import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def existing_sessions_were_held_and_signed(apps, schema_editor):
    """Sessions logged before statuses existed were logged after they happened;
    a summary already shared was the therapist's own, as good as signed."""
    TherapySession = apps.get_model("therapy_sessions", "TherapySession")
    SummaryVersion = apps.get_model("therapy_sessions", "SummaryVersion")
    for session in TherapySession.objects.all():
        session.status = "held"
        if session.summary_signed_at is not None:
            session.summary_author_id = session.therapist_id
            SummaryVersion.objects.create(
                session=session,
                number=1,
                author_id=session.therapist_id,
                summary=session.summary,
                homework=session.homework,
                signed=True,
            )
        session.save(update_fields=["status", "summary_author"])


class Migration(migrations.Migration):
    dependencies = [
        ("therapy_sessions", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(
            model_name="therapysession", old_name="summary_shared_at", new_name="summary_signed_at"
        ),
        migrations.AddField(
            model_name="therapysession",
            name="start_time",
            field=models.TimeField(default=datetime.time(9, 0), verbose_name="start time"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="therapysession",
            name="status",
            field=models.CharField(
                choices=[
                    ("planned", "Planned"),
                    ("held", "Held"),
                    ("cancelled", "Cancelled"),
                    ("did_not_attend", "Did not attend"),
                ],
                default="planned",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="therapysession",
            name="summary_author",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterModelOptions(
            name="therapysession",
            options={"ordering": ["-held_on", "-start_time", "-created_at"]},
        ),
        migrations.AddIndex(
            model_name="therapysession",
            index=models.Index(
                fields=["therapist", "held_on"], name="therapy_ses_therapi_39bf79_idx"
            ),
        ),
        migrations.CreateModel(
            name="SummaryVersion",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("number", models.PositiveIntegerField()),
                ("summary", models.TextField(blank=True, max_length=5000)),
                ("homework", models.TextField(blank=True, max_length=5000)),
                ("signed", models.BooleanField(default=False)),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="summary_versions",
                        to="therapy_sessions.therapysession",
                    ),
                ),
            ],
            options={
                "ordering": ["session", "-number"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("session", "number"),
                        name="one_summary_version_number_per_session",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="SummaryAddendum",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("text", models.TextField(max_length=5000, verbose_name="addendum")),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="addenda",
                        to="therapy_sessions.therapysession",
                    ),
                ),
            ],
            options={"ordering": ["created_at"]},
        ),
        migrations.RunPython(existing_sessions_were_held_and_signed, migrations.RunPython.noop),
    ]
