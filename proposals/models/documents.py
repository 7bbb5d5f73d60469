from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import PrivateFileField

from ..enums import DocumentKind
from ..validators import validate_document
from .budgets import BudgetLine
from .proposals import KeyActivity, Proposal


class SupportingDocument(models.Model):
    """A partner's letter, an MoU, a quote for a budget line: a private file that goes with the proposal."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = PrivateFileField(_("file"), prefix="proposal-documents", validators=[validate_document])
    budget_line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("budget line"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    activity = models.ForeignKey(
        KeyActivity,
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("supporting document")
        verbose_name_plural = _("supporting documents")
        ordering = ["proposal", "kind", "title", "pk"]

    def __str__(self):
        return self.title

    def get_file_url(self):
        """The file's address, behind the rule on seeing the proposal."""
        return reverse("proposals:document_download", args=[self.proposal_id, self.pk])
