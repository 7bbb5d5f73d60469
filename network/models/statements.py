"""Joint statements: a community drafts a public statement, member organisations sign it through their
leaders, and once published it is readable by anyone with the list of those who signed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import MarkdownHTMLField

from ..enums import StatementStatus

TEXT_LENGTH = 20_000
COMMENT_LENGTH = 500


class Statement(models.Model):
    community = models.ForeignKey(
        "communities.Community", verbose_name=_("community"), on_delete=models.PROTECT, related_name="statements"
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(
        _("text"), max_length=TEXT_LENGTH, help_text=_("Markdown: **bold**, lists with -, [links](https://…).")
    )
    text_html = MarkdownHTMLField(source="text")
    status = models.CharField(
        _("status"), max_length=20, choices=StatementStatus.choices, default=StatementStatus.DRAFT
    )
    # Kept by the services (sign, withdraw), so lists show it without counting rows.
    signature_count = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("network:statement_detail", args=[self.pk])

    def get_public_url(self):
        return reverse("network:statement_detail_public", args=[self.pk])


class StatementVersion(models.Model):
    """What the statement said after one save; any two can be compared word by word."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    text = models.TextField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["statement", "number"], name="one_statement_version_number")]

    def __str__(self):
        return f"{self.statement_id} v{self.number}"


class SignatureQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)


class Signature(models.Model):
    """An organisation's signature, given by one of its leaders; withdrawn ones stay as history."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="signatures")
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="statement_signatures",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.CharField(_("comment"), max_length=COMMENT_LENGTH, blank=True)
    signed_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        ordering = ["signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "organisation"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_signature_per_organisation",
            )
        ]

    def __str__(self):
        return f"{self.organisation_id} on {self.statement_id}"
