from django.db import migrations, models


def keep_what_was_published(apps, schema_editor):
    """Members read the last final version again, including minutes a later draft had hidden from them."""
    Minutes = apps.get_model("events", "Minutes")
    MinutesVersion = apps.get_model("events", "MinutesVersion")
    for minutes in Minutes.objects.all().iterator():
        final = MinutesVersion.objects.filter(minutes=minutes, status="final").order_by("-number").first()
        if final is None:
            continue
        minutes.published_body = final.body
        minutes.published_at = minutes.published_at or final.saved_at
        minutes.save(update_fields=["published_body", "published_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_private_files"),
    ]

    operations = [
        migrations.AddField(
            model_name="minutes",
            name="published_body",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(keep_what_was_published, migrations.RunPython.noop),
    ]
