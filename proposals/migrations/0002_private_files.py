"""Files that belong to something access-controlled move out of the public media root.

Each existing file is copied into the private storage under a new unguessable name and its row updated;
the original is deleted once the migration commits. Running it again moves nothing twice, and a row whose
file is missing is logged and left."""

import common.fields
import common.uploads
from django.db import migrations

from common.storage import move_files_to_private, move_files_to_public

FILES = [
    ("Expense", "receipt", "receipts"),
    ("ReportPhoto", "image", "report-photos"),
]


def to_private(apps, schema_editor):
    for model, field, prefix in FILES:
        move_files_to_private(
            apps.get_model("proposals", model), field, prefix=prefix, using=schema_editor.connection.alias
        )


def to_public(apps, schema_editor):
    for model, field, _prefix in FILES:
        move_files_to_public(apps.get_model("proposals", model), field, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="expense",
            name="receipt",
            field=common.fields.PrivateFileField(
                blank=True,
                prefix="receipts",
                validators=[
                    common.uploads.UploadPolicy(
                        extensions={"jpeg", "jpg", "pdf", "png", "webp"},
                        max_bytes=5242880,
                        messages={
                            "too_big": "The file is %(size)s; the limit is %(limit)s.",
                            "wrong_content": "A receipt must be a PDF, or a PNG, JPEG or WebP image.",
                            "wrong_type": "A receipt must be a PDF, or a PNG, JPEG or WebP image.",
                        },
                    )
                ],
                verbose_name="receipt",
            ),
        ),
        migrations.AlterField(
            model_name="reportphoto",
            name="image",
            field=common.fields.PrivateFileField(
                prefix="report-photos",
                validators=[
                    common.uploads.UploadPolicy(
                        extensions={"jpeg", "jpg", "png", "webp"},
                        max_bytes=5242880,
                        messages={
                            "too_big": "The file is %(size)s; the limit is %(limit)s.",
                            "wrong_content": "A photo must be a PNG, JPEG or WebP image.",
                            "wrong_type": "A photo must be a PNG, JPEG or WebP image.",
                        },
                    )
                ],
                verbose_name="photo",
            ),
        ),
        migrations.RunPython(to_private, to_public),
    ]
