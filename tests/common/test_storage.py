"""The private storage: outside the public media root, names nobody can guess, and the move of old files."""

import importlib
import os

import pytest
from django.conf import settings as django_settings
from django.core.checks import run_checks
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from common.fields import PrivateFileField
from common.storage import (
    UnguessableUploadTo,
    is_inside,
    move_files_to_private,
    move_files_to_public,
    private_storage,
    public_storage,
    unguessable_upload_to,
)
from network.models import Attachment, Resource
from tests.factories import ChallengeFactory, ResourceFactory


def test_the_private_root_is_outside_the_public_media_root():
    private, public = django_settings.PRIVATE_MEDIA_ROOT, django_settings.MEDIA_ROOT
    assert not is_inside(private, public) and not is_inside(public, private)
    assert os.path.realpath(private_storage().location) == os.path.realpath(private)


def test_overlapping_roots_and_an_unknown_header_are_refused_at_startup(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media" / "private"
    settings.PRIVATE_MEDIA_ACCEL_HEADER = "X-Anything"
    assert {error.id for error in run_checks()} >= {"common.E001", "common.E002"}
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.PRIVATE_MEDIA_ACCEL_HEADER = "X-Sendfile"
    assert not {error.id for error in run_checks()} & {"common.E001", "common.E002"}


def test_the_storage_follows_the_setting_and_has_no_public_address(private_media):
    storage = private_storage()
    assert storage.location == str(private_media)
    with pytest.raises(ValueError, match="no public address"):
        storage.url("receipts/x.pdf")


def test_two_uploads_of_the_same_name_get_different_names_without_the_original():
    upload_to = unguessable_upload_to("receipts")
    first, second = upload_to(None, "Receipt Hotel 2024-03.PDF"), upload_to(None, "Receipt Hotel 2024-03.PDF")
    assert first != second
    for name in (first, second):
        folder, stored = name.split("/")
        token, extension = stored.rsplit(".", 1)
        assert (folder, extension) == ("receipts", "pdf")
        assert len(token) == 32 and "Receipt" not in name and "2024" not in name


@pytest.mark.parametrize("original", ["evil.p%hp", "archive.tar.gz?x", "no-extension", "dots.", "x." + "a" * 11])
def test_only_a_plain_extension_is_kept(original):
    stored = unguessable_upload_to("x")(None, original).split("/")[1]
    assert "." not in stored and len(stored) == 32


def test_the_prefix_cannot_climb_out_of_the_root():
    assert UnguessableUploadTo("../../etc/./slides/").prefix == "etc/slides"


def test_the_field_survives_a_migration_round_trip():
    field = PrivateFileField("slides", prefix="slides", blank=True)
    name, path, args, kwargs = field.deconstruct()
    assert path == "common.fields.PrivateFileField"
    assert "storage" not in kwargs and "upload_to" not in kwargs
    rebuilt = PrivateFileField(*args, **kwargs)
    assert rebuilt.prefix == "slides" and rebuilt.storage is private_storage()


@pytest.mark.django_db
class TestMovingOldFiles:
    def old_file(self, name: str, content: bytes) -> str:
        return public_storage().save(name, ContentFile(content))

    def resource(self, name: str) -> Resource:
        resource = ResourceFactory(kind="document", url="")
        Resource.objects.filter(pk=resource.pk).update(file=name)
        return resource

    def test_files_move_under_new_names_and_the_originals_go_after_commit(
        self, private_media, django_capture_on_commit_callbacks
    ):
        old = self.old_file("resources/2024/03/Board minutes.pdf", b"%PDF-1.4 minutes")
        resource = self.resource(old)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            assert move_files_to_private(Resource, "file", prefix="resources") == 1
        resource.refresh_from_db()
        new = resource.file.name
        assert new.startswith("resources/") and "minutes" not in new.lower()
        assert private_storage().open(new).read() == b"%PDF-1.4 minutes"
        assert public_storage().exists(old)  # until the migration commits
        for callback in callbacks:
            callback()
        assert not public_storage().exists(old)

    def test_running_it_again_moves_nothing(self, private_media, django_capture_on_commit_callbacks):
        resource = self.resource(self.old_file("resources/2024/03/guide.pdf", b"%PDF-1.4 guide"))
        with django_capture_on_commit_callbacks(execute=True):
            move_files_to_private(Resource, "file", prefix="resources")
        resource.refresh_from_db()
        moved = resource.file.name
        with django_capture_on_commit_callbacks(execute=True):
            assert move_files_to_private(Resource, "file", prefix="resources") == 0
        resource.refresh_from_db()
        assert resource.file.name == moved
        assert private_storage().listdir("resources")[1] == [moved.split("/")[1]]

    def test_a_missing_file_or_an_empty_field_is_left_alone(self, private_media, django_capture_on_commit_callbacks):
        missing = self.resource("resources/2023/01/lost.pdf")
        link = ResourceFactory(kind="link")
        with django_capture_on_commit_callbacks(execute=True):
            assert move_files_to_private(Resource, "file", prefix="resources") == 0
        missing.refresh_from_db()
        link.refresh_from_db()
        assert (missing.file.name, link.file.name) == ("resources/2023/01/lost.pdf", "")

    def test_a_name_outside_the_media_root_is_left_alone(self, private_media, django_capture_on_commit_callbacks):
        resource = self.resource("../../etc/passwd")
        with django_capture_on_commit_callbacks(execute=True):
            assert move_files_to_private(Resource, "file", prefix="resources") == 0
        resource.refresh_from_db()
        assert resource.file.name == "../../etc/passwd"

    def test_unapplying_puts_the_files_back_in_the_media_root(self, private_media, django_capture_on_commit_callbacks):
        resource = self.resource(self.old_file("resources/2024/03/guide.pdf", b"%PDF-1.4 guide"))
        with django_capture_on_commit_callbacks(execute=True):
            move_files_to_private(Resource, "file", prefix="resources")
            resource.refresh_from_db()
            moved = resource.file.name
            assert move_files_to_public(Resource, "file") == 1
        assert public_storage().open(moved).read() == b"%PDF-1.4 guide"
        assert not private_storage().exists(moved)

    @pytest.mark.parametrize(
        ("migration", "model_path", "field", "prefix"),
        [
            ("proposals.migrations.0002_private_files", "proposals.Expense", "receipt", "receipts"),
            ("proposals.migrations.0002_private_files", "proposals.ReportPhoto", "image", "report-photos"),
            ("network.migrations.0006_private_files", "network.Attachment", "file", "challenges"),
            ("network.migrations.0006_private_files", "network.Resource", "file", "resources"),
            ("events.migrations.0003_private_files", "events.AgendaItem", "slides", "slides"),
        ],
    )
    def test_each_migration_names_its_private_fields(self, migration, model_path, field, prefix):
        from django.apps import apps

        module = importlib.import_module(migration)
        model = apps.get_model(model_path)
        assert (model.__name__, field, prefix) in module.FILES
        assert isinstance(model._meta.get_field(field), PrivateFileField)
        assert model._meta.get_field(field).prefix == prefix

    def test_the_network_migration_moves_attachments(self, private_media, django_capture_on_commit_callbacks):
        from django.apps import apps
        from django.db import connection

        challenge = ChallengeFactory()
        old = self.old_file(f"challenges/{challenge.pk}/plan.pdf", b"%PDF-1.4 plan")
        attachment = Attachment.objects.create(
            challenge=challenge, file=SimpleUploadedFile("x.pdf", b"x"), name="plan.pdf"
        )
        Attachment.objects.filter(pk=attachment.pk).update(file=old)
        module = importlib.import_module("network.migrations.0006_private_files")
        with django_capture_on_commit_callbacks(execute=True):
            module.to_private(apps, connection.schema_editor())
        attachment.refresh_from_db()
        assert attachment.file.name.startswith("challenges/") and "plan" not in attachment.file.name
        assert private_storage().open(attachment.file.name).read() == b"%PDF-1.4 plan"
        assert not public_storage().exists(old)


def test_every_upload_but_the_public_logo_is_private():
    from django.apps import apps
    from django.db.models import FileField

    public = {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, FileField) and not isinstance(field, PrivateFileField)
    }
    assert public == {"members.Organisation.logo"}
