"""Model fields that any app may use."""

from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.safestring import mark_safe

from .markup import render_markdown
from .storage import private_storage, unguessable_upload_to
from .text import segment_khmer


class SegmentedTextField(models.TextField):
    """A hidden copy of another field's text with its Khmer words spaced apart, for the database's search vector.

    Kept on every save() that writes it, as `auto_now` is (list it in `update_fields` beside its source);
    empty when the source has no Khmer, so text in other scripts is not stored twice. The search triggers use
    it only while, spaces aside, it equals its source, so a copy left stale by a bulk update is ignored.
    """

    fixed = {"editable": False, "blank": True, "default": ""}

    def __init__(self, *args, source: str, **kwargs):
        self.source = source
        super().__init__(*args, **{**kwargs, **self.fixed})

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key in self.fixed:
            kwargs.pop(key, None)
        return name, path, args, {**kwargs, "source": self.source}

    def pre_save(self, model_instance, add):
        value = spaced_copy(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value


def spaced_copy(text: str) -> str:
    """The text with its Khmer words spaced apart, or "" when that changes nothing."""
    spaced = segment_khmer(text or "")
    return spaced if spaced != text else ""


class PrivateFieldFile(FieldFile):
    """A private file: its `url` is the address of the view that checks who may read it, never of the file."""

    @property
    def url(self):
        self._require_file()
        return self.instance.get_file_url()


class PrivateFileField(models.FileField):
    """A file kept in the private storage (common.storage) under `<prefix>/<random token>.<extension>`.

    The model defines `get_file_url()`, the address of its permission-checked view (which answers with
    `common.files.serve_private`); `.url` of the field's file gives that address, so the admin and file inputs
    link there too.
    """

    attr_class = PrivateFieldFile

    def __init__(self, *args, prefix: str, **kwargs):
        self.prefix = prefix
        super().__init__(*args, upload_to=unguessable_upload_to(prefix), storage=private_storage, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("upload_to", None)
        kwargs.pop("storage", None)
        return name, path, args, {**kwargs, "prefix": self.prefix}


class MarkdownHTMLField(models.TextField):
    """Another field's Markdown as HTML, rendered and sanitised by common.markup when the row is saved, so that
    a page shows it without rendering it again. Read back as safe HTML: a template prints it as it is.

    Kept on every save() that writes it, as `auto_now` is (list it in `update_fields` beside its source).
    `mentions` names a method of the model that maps the text's @handles to the address of each person's page,
    asked at save time, so those mentions are stored as links.
    """

    fixed = {"editable": False, "blank": True, "default": ""}

    def __init__(self, *args, source: str, mentions: str = "", **kwargs):
        self.source, self.mentions = source, mentions
        super().__init__(*args, **{**kwargs, **self.fixed})

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key in self.fixed:
            kwargs.pop(key, None)
        extra = {"mentions": self.mentions} if self.mentions else {}
        return name, path, args, {**kwargs, "source": self.source, **extra}

    def from_db_value(self, value, expression, connection):
        return mark_safe(value or "")  # noqa: S308 - sanitised by nh3 when it was saved

    def pre_save(self, model_instance, add):
        text = getattr(model_instance, self.source)
        mentions = getattr(model_instance, self.mentions)() if self.mentions else None
        value = mark_safe(render_markdown(text, mentions))  # noqa: S308 - nh3 sanitised
        setattr(model_instance, self.attname, value)
        return value


class MarkdownHTMLMapField(models.JSONField):
    """MarkdownHTMLField for a JSON field holding texts by key (a proposal's answers to the call's sections):
    the same keys, each with its HTML."""

    fixed = {"editable": False, "blank": True, "default": dict}

    def __init__(self, *args, source: str, **kwargs):
        self.source = source
        super().__init__(*args, **{**kwargs, **self.fixed})

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key in self.fixed:
            kwargs.pop(key, None)
        return name, path, args, {**kwargs, "source": self.source}

    def from_db_value(self, value, expression, connection):
        value = super().from_db_value(value, expression, connection)
        return {key: mark_safe(html) for key, html in (value or {}).items()}  # noqa: S308 - sanitised when saved

    def pre_save(self, model_instance, add):
        texts = getattr(model_instance, self.source) or {}
        value = {key: mark_safe(render_markdown(text)) for key, text in texts.items()}  # noqa: S308
        setattr(model_instance, self.attname, value)
        return value


def fill_markdown_html(model, names: list[str], batch_size: int = 500) -> None:
    """Render the stored HTML of every row of `model` (a historical model in a data migration that adds the
    fields `names`). Writes those columns only."""
    fields = [model._meta.get_field(name) for name in names]
    rows = []
    for row in model.objects.only("pk", *(field.source for field in fields)).iterator(chunk_size=batch_size):
        for field in fields:
            field.pre_save(row, add=False)
        rows.append(row)
        if len(rows) == batch_size:
            model.objects.bulk_update(rows, names)
            rows = []
    if rows:
        model.objects.bulk_update(rows, names)
