from django.db import migrations, models

# The table is unmanaged (created with its append-only triggers in 0001), so the
# column is added by hand; ADD COLUMN keeps the triggers on SQLite and PostgreSQL.
ADD = "ALTER TABLE core_auditevent ADD COLUMN client_ids text NOT NULL DEFAULT ''"


def add_column(apps, schema_editor):
    schema_editor.execute(ADD)


def keep_column(apps, schema_editor):
    raise RuntimeError("The audit log is append-only; its columns are never dropped.")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="auditevent",
                    name="client_ids",
                    field=models.TextField(blank=True, default=""),
                )
            ],
            database_operations=[migrations.RunPython(add_column, keep_column)],
        )
    ]
