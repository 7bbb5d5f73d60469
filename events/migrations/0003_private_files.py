"""Files that belong to something access-controlled move out of the public media root.

Each existing file is copied into the private storage under a new unguessable name and its row updated;
the original is deleted once the migration commits. Running it again moves nothing twice, and a row whose
file is missing is logged and left."""

import common.fields
import common.uploads
from django.db import migrations

from common.storage import move_files_to_private, move_files_to_public

FILES = [
    ("AgendaItem", "slides", "slides"),
]


def to_private(apps, schema_editor):
    for model, field, prefix in FILES:
        move_files_to_private(
            apps.get_model("events", model), field, prefix=prefix, using=schema_editor.connection.alias
        )


def to_public(apps, schema_editor):
    for model, field, _prefix in FILES:
        move_files_to_public(apps.get_model("events", model), field, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_meeting_reminder_offsets_and_more"),
    ]

    operations = [
        migrations.AlterField(
            model_name="agendaitem",
            name="slides",
            field=common.fields.PrivateFileField(
                blank=True,
                prefix="slides",
                validators=[
                    common.uploads.UploadPolicy(
                        extensions={"doc", "docx", "jpeg", "jpg", "key", "odp", "odt", "pdf", "png", "ppt", "pptx"},
                        max_bytes=20971520,
                        messages={
                            "too_big": "The file is %(size)s; the limit is %(limit)s.",
                            "wrong_type": "Slides must be one of: %(types)s.",
                        },
                    )
                ],
                verbose_name="slides",
            ),
        ),
        migrations.RunPython(to_private, to_public),
    ]
