from django.db import migrations

# The audit table is unmanaged (created by hand in 0001 with its append-only
# triggers), so Django never made the indexes its fields declare. "Who opened my
# record" reads by client, the practice's log by practice, both newest first; the
# actor filter of the practice's log reads by actor.
INDEXES = [
    "CREATE INDEX IF NOT EXISTS core_auditevent_client_at ON core_auditevent (client_id, at)",
    "CREATE INDEX IF NOT EXISTS core_auditevent_practice_at ON core_auditevent (practice_id, at)",
    "CREATE INDEX IF NOT EXISTS core_auditevent_actor_at ON core_auditevent (actor_id, at)",
    "CREATE INDEX IF NOT EXISTS core_auditevent_at ON core_auditevent (at)",
]


def add_indexes(apps, schema_editor):
    for statement in INDEXES:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_auditevent_client_ids")]

    operations = [migrations.RunPython(add_indexes, migrations.RunPython.noop)]
