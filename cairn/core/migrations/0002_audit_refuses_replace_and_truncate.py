from django.db import migrations

# SQLite's INSERT OR REPLACE deletes the old row without firing the DELETE trigger
# (unless recursive_triggers is on), so an insert that reuses an existing id is
# refused before it happens. PostgreSQL's TRUNCATE fires no row trigger, so it gets
# a statement trigger of its own.
SQLITE = [
    """CREATE TRIGGER core_auditevent_no_replace BEFORE INSERT ON core_auditevent
       WHEN EXISTS (SELECT 1 FROM core_auditevent WHERE id = NEW.id)
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
]
POSTGRES = [
    """CREATE TRIGGER core_auditevent_no_truncate BEFORE TRUNCATE ON core_auditevent
       FOR EACH STATEMENT EXECUTE FUNCTION core_auditevent_refuse()""",
]


def add_guards(apps, schema_editor):
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for statement in statements:
        schema_editor.execute(statement)


def keep_guards(apps, schema_editor):
    raise RuntimeError("The audit log's guards are never removed by a migration.")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(add_guards, keep_guards)]
