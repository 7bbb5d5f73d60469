from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import MarkdownHTMLField, PrivateFileField, SegmentedTextField

from ..enums import ResourceKind
from ..validators import validate_upload


def resource_path(instance, filename):
    # Only for migration 0001; new files are private, under unguessable names.
    return f"resources/{timezone.now():%Y/%m}/{filename}"


class Resource(models.Model):
    """A document, link or case study in the resource centre."""

    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices, default=ResourceKind.DOCUMENT)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    file = PrivateFileField(_("file"), prefix="resources", blank=True, validators=[validate_upload])
    url = models.URLField(_("link"), blank=True)
    themes = models.ManyToManyField("members.FocusArea", verbose_name=_("themes"), blank=True, related_name="resources")
    tags = models.CharField(_("tags"), max_length=300, blank=True, help_text=_("Separate with commas."))
    meeting = models.ForeignKey(
        "events.Meeting",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
    )
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
    )
    challenge = models.ForeignKey(
        "network.Challenge",
        verbose_name=_("challenge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Public resources can be read without signing in.")
    )
    download_count = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="resources"
    )
    created_at = models.DateTimeField(default=timezone.now)
    title_words = SegmentedTextField(source="title")
    tags_words = SegmentedTextField(source="tags")
    summary_words = SegmentedTextField(source="summary")
    summary_html = MarkdownHTMLField(source="summary")
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("network:resource_detail", args=[self.pk])

    def get_file_url(self):
        """The file's address, behind the rule on the resource."""
        return reverse("network:resource_download", args=[self.pk])

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]
