"""The event log and the consumers' processed markers; the database refuses to rewrite the log."""

import django.utils.timezone
from django.db import migrations, models

APPEND_ONLY = """
CREATE OR REPLACE FUNCTION core_event_log_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the event log is append-only: emit a new event instead'
    USING ERRCODE = 'restrict_violation';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_event_log_append_only
  BEFORE UPDATE OR DELETE ON core_event_log
  FOR EACH ROW EXECUTE FUNCTION core_event_log_append_only();
"""
APPEND_ONLY_UNDO = """
DROP TRIGGER IF EXISTS core_event_log_append_only ON core_event_log;
DROP FUNCTION IF EXISTS core_event_log_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_actor_kinds"),
    ]

    operations = [
        migrations.CreateModel(
            name="LoggedEvent",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("name", models.CharField(max_length=60)),
                ("version", models.PositiveSmallIntegerField()),
                ("occurred_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "actor_kind",
                    models.CharField(
                        choices=[("user", "user"), ("api_client", "api_client"), ("system", "system")],
                        default="user",
                        max_length=20,
                    ),
                ),
                ("actor_user_id", models.BigIntegerField(null=True)),
                ("actor_ref", models.CharField(blank=True, default="", max_length=120)),
                ("actor_label", models.CharField(blank=True, default="", max_length=120)),
                ("object_type", models.CharField(max_length=40)),
                ("object_id", models.BigIntegerField(null=True)),
                ("payload", models.JSONField(default=dict)),
            ],
            options={
                "db_table": "core_event_log",
                "indexes": [models.Index(fields=["object_type", "object_id"], name="eventlog_object_idx")],
            },
        ),
        migrations.CreateModel(
            name="ProcessedEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("consumer", models.CharField(max_length=60)),
                ("event_id", models.BigIntegerField()),
                ("processed_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("consumer", "event_id"), name="processed_event_unique")
                ],
            },
        ),
        migrations.RunSQL(APPEND_ONLY, APPEND_ONLY_UNDO),
    ]
