from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import MarkdownHTMLField, PrivateFileField

from ..enums import ActivityStatus, ReportKind
from ..validators import validate_photo
from .proposals import KeyActivity, Proposal


class ProgressReport(models.Model):
    """What the community reports while implementing: a status per activity, a narrative and photos."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices, default=ReportKind.PROGRESS)
    period = models.CharField(_("period covered"), max_length=120, help_text=_("For example: January to March 2024"))
    narrative = models.TextField(_("what happened"), help_text=_("Markdown: **bold**, lists with -."))
    narrative_html = MarkdownHTMLField(source="narrative")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["proposal", "-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal"], condition=Q(kind=ReportKind.FINAL), name="one_final_report_per_proposal"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.period}"


class ReportDue(models.Model):
    """A report the call's schedule asks of a funded project: a progress report per period, then the final one.

    Filled when a co-author sends a report for it; reminders go to the co-authors before and on due_on.
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reports_due")
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    number = models.PositiveSmallIntegerField()
    period_starts = models.DateField(_("period from"))
    period_ends = models.DateField(_("period to"))
    due_on = models.DateField(_("due on"))
    report = models.OneToOneField(
        ProgressReport, null=True, blank=True, on_delete=models.SET_NULL, related_name="answers_due"
    )

    class Meta:
        verbose_name = _("report due")
        verbose_name_plural = _("reports due")
        ordering = ["proposal", "due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="one_report_due_per_number"),
            models.CheckConstraint(
                condition=Q(period_ends__gte=models.F("period_starts")), name="report_period_ends_after_it_starts"
            ),
        ]

    def __str__(self):
        return f"{self.proposal}: {self.get_kind_display()} {self.due_on}"

    def is_late_on(self, day) -> bool:
        return self.report_id is None and self.due_on < day

    @property
    def is_late(self) -> bool:
        return self.is_late_on(timezone.localdate())


class ActivityProgress(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="activity_progress")
    activity = models.ForeignKey(KeyActivity, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(_("status"), max_length=20, choices=ActivityStatus.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("activity progress")
        verbose_name_plural = _("activity progress")
        ordering = ["report", "activity__starts_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["report", "activity"], name="one_status_per_activity")]

    def __str__(self):
        return f"{self.activity}: {self.status}"


def photo_path(instance, filename):
    # Only for migration 0001; new files are private, under unguessable names.
    return f"report-photos/{instance.report.proposal_id}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class ReportPhoto(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="photos")
    image = PrivateFileField(_("photo"), prefix="report-photos", validators=[validate_photo])
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["report", "pk"]

    def __str__(self):
        return self.caption or self.image.name

    def get_file_url(self):
        """The photo's address, behind the rule on the proposal's spending."""
        return reverse("proposals:photo_download", args=[self.report.proposal_id, self.pk])
