from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0003_heartbeat_outgoingemail_oncekey")]

    operations = [
        # The table is unmanaged (see AuditEvent): the column is added by hand.
        migrations.AddField(
            model_name="auditevent",
            name="client_ids",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunSQL(
            "ALTER TABLE core_auditevent ADD COLUMN client_ids TEXT NOT NULL DEFAULT ''",
            migrations.RunSQL.noop,
        ),
    ]
