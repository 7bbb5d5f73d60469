"""The delivery ledger moves to `common`, keeping its table.

Here, while the model is still network's, the table takes its new shape: the meeting becomes a plain
topic key (copied from meeting_id), rows gain a lease, a retry time, a stored message and an address,
and the old "claimed" rows (stranded by the sender that could not finish them) are recorded as given
up so the log shows them. Then the model leaves network's state; common's 0001 takes it over
without touching the database.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def meeting_to_topic(apps, schema_editor):
    Delivery = apps.get_model("network", "Delivery")
    Delivery.objects.filter(meeting__isnull=False).update(topic="events.meeting", topic_id=models.F("meeting_id"))
    Delivery.objects.filter(status="claimed").update(
        status="given_up", error="Interrupted before the ledger kept leases; retry it from the log if needed."
    )


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0005_khmer_search_words"),
        ("events", "0002_meeting_reminder_offsets_and_more"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]
    run_before = [("common", "0001_delivery")]

    operations = [
        migrations.AddField("delivery", "topic", models.CharField(blank=True, max_length=40)),
        migrations.AddField("delivery", "topic_id", models.BigIntegerField(blank=True, null=True)),
        migrations.AlterField(
            "delivery",
            "status",
            models.CharField(
                choices=[
                    ("pending", "Waiting to be sent"),
                    ("sending", "Being sent"),
                    ("sent", "Sent"),
                    ("failed", "Failed, will retry"),
                    ("given_up", "Given up"),
                    ("claimed", "Being sent"),
                ],
                default="pending",
                max_length=10,
            ),
        ),
        migrations.RunPython(meeting_to_topic, migrations.RunPython.noop),
        migrations.RemoveIndex("delivery", "network_del_meeting_b768f6_idx"),
        migrations.RemoveField("delivery", "meeting"),
        migrations.AddField("delivery", "address", models.EmailField(blank=True, max_length=254)),
        migrations.AddField("delivery", "params", models.JSONField(blank=True, default=dict)),
        migrations.AddField("delivery", "message", models.JSONField(blank=True, default=dict)),
        migrations.AddField("delivery", "lease_until", models.DateTimeField(blank=True, null=True)),
        migrations.AddField("delivery", "next_attempt_at", models.DateTimeField(blank=True, null=True)),
        migrations.AlterField("delivery", "kind", models.CharField(max_length=40)),
        migrations.AlterField(
            "delivery",
            "status",
            models.CharField(
                choices=[
                    ("pending", "Waiting to be sent"),
                    ("sending", "Being sent"),
                    ("sent", "Sent"),
                    ("failed", "Failed, will retry"),
                    ("given_up", "Given up"),
                ],
                default="pending",
                max_length=10,
            ),
        ),
        migrations.AlterField(
            "delivery",
            "recipient",
            models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="deliveries",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            "delivery",
            models.UniqueConstraint(
                condition=models.Q(recipient__isnull=True),
                fields=("address", "occasion"),
                name="one_delivery_per_address_and_occasion",
            ),
        ),
        migrations.AddIndex("delivery", models.Index(fields=["topic", "topic_id", "kind"], name="delivery_topic_idx")),
        migrations.AddIndex(
            "delivery",
            models.Index(
                condition=models.Q(("status", "sent"), _negated=True),
                fields=["status", "next_attempt_at"],
                name="delivery_unfinished_idx",
            ),
        ),
        migrations.AlterModelTable("delivery", "network_delivery"),
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel("Delivery")]),
    ]
