"""Where private uploads are kept: outside the public media root, under names nobody can guess.

A file that belongs to something access-controlled (a receipt, a report photo, a challenge's attachment, a
resource, slides) is stored by `PrivateStorage` under PRIVATE_MEDIA_ROOT, which no web server serves. Its
name is a random token and the file's extension (`unguessable_upload_to`), so neither the original name nor
the time of the upload can be used to find it. It is read only through a view that checks the rule and
answers with `common.files.serve_private`.

    receipt = PrivateFileField(_("receipt"), upload_to=unguessable_upload_to("receipts"), blank=True)
"""

import logging
import os
import re
import secrets

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage, storages
from django.db import transaction
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

from .uploads import extension_of

logger = logging.getLogger(__name__)

# Bytes of randomness in a stored name: 192 bits, written in 32 URL-safe characters.
TOKEN_BYTES = 24
SAFE_EXTENSION = re.compile(r"[a-z0-9]{1,10}")


class PrivateStorage(FileSystemStorage):
    """Files on disk under PRIVATE_MEDIA_ROOT (read when first needed, so tests can point it elsewhere).

    They have no public address: `url()` refuses, and a private file field's `.url` is the address of the view
    that checks the rule (`common.fields.PrivateFileField`).
    """

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("A private file has no public address; link to the view that checks who may read it.")


def private_storage() -> PrivateStorage:
    """The storage of every private file field (a callable, so migrations name it rather than copy it)."""
    return storages["private"]


def public_storage() -> FileSystemStorage:
    """The public media root, where uploads used to be kept: MEDIA_ROOT as it is now."""
    return FileSystemStorage(location=settings.MEDIA_ROOT)


def unguessable_name(prefix: str, filename: str) -> str:
    """`<prefix>/<random token>.<extension>`: only the extension of `filename` is kept, and only when it is
    a plain one (letters and digits, up to ten), lower-cased."""
    extension = extension_of(filename or "")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    name = f"{token}.{extension}" if SAFE_EXTENSION.fullmatch(extension) else token
    return f"{prefix}/{name}" if prefix else name


@deconstructible(path="common.storage.UnguessableUploadTo")
class UnguessableUploadTo:
    """A file field's `upload_to` that names each upload with a fresh random token under `prefix`."""

    def __init__(self, prefix: str):
        self.prefix = "/".join(part for part in prefix.split("/") if part not in ("", ".", ".."))

    def __call__(self, instance, filename: str) -> str:
        return unguessable_name(self.prefix, filename)

    def __eq__(self, other):
        return isinstance(other, UnguessableUploadTo) and self.prefix == other.prefix

    def __hash__(self):
        return hash(self.prefix)


def unguessable_upload_to(prefix: str) -> UnguessableUploadTo:
    return UnguessableUploadTo(prefix)


def _move(model, field_name: str, *, source, target, rename, using: str) -> int:
    """Copy each row's file from `source` to `target` under `rename(name)`, point the row at the copy, and
    delete the originals once the transaction commits. Returns how many were moved.

    A row whose file is already in `target` is left as it is, so running it again changes nothing; a row
    whose file is in neither place is logged and left.
    """
    manager = model._default_manager.db_manager(using)
    rows = manager.exclude(**{field_name: ""}).exclude(**{f"{field_name}__isnull": True})
    moved = []
    for pk, name in rows.values_list("pk", field_name).order_by("pk").iterator():
        try:
            if target.exists(name):
                continue
            if not source.exists(name):
                logger.warning("%s %s: its file %s is missing; left as it is.", model.__name__, pk, name)
                continue
            with source.open(name, "rb") as original:
                new_name = target.save(rename(name), original)
        except SuspiciousFileOperation:
            logger.warning("%s %s: the file name %r is not a safe path; left as it is.", model.__name__, pk, name)
            continue
        manager.filter(pk=pk).update(**{field_name: new_name})
        moved.append(name)

    def delete_originals():
        for name in moved:
            try:
                source.delete(name)
            except OSError:
                logger.warning("Could not delete %s after moving it.", name)

    # Only once the rows point at the copies: if the migration fails, the rows and the originals stay.
    transaction.on_commit(delete_originals, using=using)
    return len(moved)


def move_files_to_private(model, field_name: str, *, prefix: str, using: str = "default") -> int:
    """For a data migration: move a file field's files from MEDIA_ROOT to the private storage, each under a
    new unguessable name in `prefix`, and update the rows. Idempotent; tolerant of missing files."""
    return _move(
        model,
        field_name,
        source=public_storage(),
        target=private_storage(),
        rename=lambda name: unguessable_name(prefix, name),
        using=using,
    )


def move_files_to_public(model, field_name: str, *, using: str = "default") -> int:
    """The reverse of move_files_to_private, for unapplying its migration: the files go back to MEDIA_ROOT
    (keeping their unguessable names)."""
    return _move(
        model,
        field_name,
        source=private_storage(),
        target=public_storage(),
        rename=lambda name: name,
        using=using,
    )


def is_inside(path, directory) -> bool:
    """Whether `path` is `directory` or lies under it (both resolved)."""
    path, directory = os.path.realpath(path), os.path.realpath(directory)
    return os.path.commonpath([path, directory]) == directory
