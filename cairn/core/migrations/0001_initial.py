import uuid

from django.db import migrations, models

# The database refuses to change or remove an audit event, whatever the caller.
SQLITE_TRIGGERS = [
    """CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    """CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
]
POSTGRES_TRIGGERS = [
    """CREATE FUNCTION core_auditevent_refuse() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit events are append-only'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER core_auditevent_no_change BEFORE UPDATE OR DELETE ON core_auditevent
       FOR EACH ROW EXECUTE FUNCTION core_auditevent_refuse()""",
]


def create_audit_table(apps, schema_editor):
    model = apps.get_model("core", "AuditEvent")
    schema_editor.create_model(model)
    triggers = (
        POSTGRES_TRIGGERS if schema_editor.connection.vendor == "postgresql" else SQLITE_TRIGGERS
    )
    for statement in triggers:
        schema_editor.execute(statement)


def drop_audit_table(apps, schema_editor):
    raise RuntimeError("The audit log is append-only and is never dropped by a migration.")


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="AuditEvent",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("at", models.DateTimeField(db_index=True)),
                ("actor_id", models.UUIDField(blank=True, null=True)),
                ("action", models.CharField(max_length=40)),
                ("object_type", models.CharField(blank=True, max_length=40)),
                ("object_id", models.CharField(blank=True, max_length=64)),
                ("client_id", models.UUIDField(blank=True, db_index=True, null=True)),
                ("practice_id", models.UUIDField(blank=True, db_index=True, null=True)),
                ("ip", models.CharField(blank=True, max_length=45)),
                ("path", models.CharField(blank=True, max_length=300)),
                (
                    "outcome",
                    models.CharField(
                        choices=[("allowed", "Allowed"), ("denied", "Denied")], max_length=10
                    ),
                ),
            ],
            options={"db_table": "core_auditevent", "ordering": ["-at"], "managed": False},
        ),
        migrations.RunPython(create_audit_table, drop_audit_table),
    ]
