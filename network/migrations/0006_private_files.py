"""Files that belong to something access-controlled move out of the public media root.

Each existing file is copied into the private storage under a new unguessable name and its row updated;
the original is deleted once the migration commits. Running it again moves nothing twice, and a row whose
file is missing is logged and left."""

import common.fields
import common.uploads
from django.db import migrations

from common.storage import move_files_to_private, move_files_to_public

FILES = [
    ("Attachment", "file", "challenges"),
    ("Resource", "file", "resources"),
]


def to_private(apps, schema_editor):
    for model, field, prefix in FILES:
        move_files_to_private(
            apps.get_model("network", model), field, prefix=prefix, using=schema_editor.connection.alias
        )


def to_public(apps, schema_editor):
    for model, field, _prefix in FILES:
        move_files_to_public(apps.get_model("network", model), field, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0005_khmer_search_words"),
    ]

    operations = [
        migrations.AlterField(
            model_name="attachment",
            name="file",
            field=common.fields.PrivateFileField(
                prefix="challenges",
                validators=[
                    common.uploads.UploadPolicy(
                        extensions=frozenset(
                            [
                                "csv",
                                "doc",
                                "docx",
                                "gif",
                                "jpeg",
                                "jpg",
                                "odp",
                                "ods",
                                "odt",
                                "pdf",
                                "png",
                                "ppt",
                                "pptx",
                                "rtf",
                                "txt",
                                "webp",
                                "xls",
                                "xlsx",
                            ]
                        ),
                        max_bytes=10485760,
                    )
                ],
            ),
        ),
        migrations.AlterField(
            model_name="resource",
            name="file",
            field=common.fields.PrivateFileField(
                blank=True,
                prefix="resources",
                validators=[
                    common.uploads.UploadPolicy(
                        extensions=frozenset(
                            [
                                "csv",
                                "doc",
                                "docx",
                                "gif",
                                "jpeg",
                                "jpg",
                                "odp",
                                "ods",
                                "odt",
                                "pdf",
                                "png",
                                "ppt",
                                "pptx",
                                "rtf",
                                "txt",
                                "webp",
                                "xls",
                                "xlsx",
                            ]
                        ),
                        max_bytes=10485760,
                    )
                ],
                verbose_name="file",
            ),
        ),
        migrations.RunPython(to_private, to_public),
    ]
