import zoneinfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import MarkdownHTMLField
from members.models import validate_time_zone

from ..enums import Currency


class Call(models.Model):
    """A call for proposals: who may propose, until when, for how much, and how proposals are judged."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(unique=True, max_length=220)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown: **bold**, lists with -."))
    description_html = MarkdownHTMLField(source="description")
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    # The deadline first announced, kept when a coordinator extends it.
    original_closes_at = models.DateTimeField(_("first deadline"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=settings.TIME_ZONE, validators=[validate_time_zone]
    )
    eligible_communities = models.ManyToManyField(
        "communities.Community", verbose_name=_("eligible communities"), related_name="calls"
    )
    budget_ceiling = models.DecimalField(_("budget ceiling"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.USD)
    # Deadlines after the call closes: for reviewers, and for the funded projects' reports.
    review_days = models.PositiveSmallIntegerField(
        _("days to review"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("A review is due this many days after the reviewer is asked."),
    )
    report_every_months = models.PositiveSmallIntegerField(
        _("months between progress reports"),
        default=3,
        validators=[MinValueValidator(0), MaxValueValidator(12)],
        help_text=_("Counted from the project's start; 3 for quarterly reports, 0 for none."),
    )
    final_report_days = models.PositiveSmallIntegerField(
        _("days for the final report"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(180)],
        help_text=_("The final report is due this many days after the project ends."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="call_closes_after_it_opens"),
            models.CheckConstraint(condition=Q(budget_ceiling__gt=0), name="call_ceiling_positive"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("proposals:call_detail", args=[self.slug])

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def is_open_at(self, moment) -> bool:
        return self.opens_at <= moment < self.closes_at

    @property
    def is_open(self) -> bool:
        return self.is_open_at(timezone.now())

    @property
    def has_closed(self) -> bool:
        return self.closes_at <= timezone.now()

    @property
    def was_extended(self) -> bool:
        return self.original_closes_at is not None and self.original_closes_at != self.closes_at


class CallSection(models.Model):
    """A heading or question of the call that every proposal answers in its own words."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(default=0)
    heading = models.CharField(_("heading or question"), max_length=300)

    class Meta:
        verbose_name = _("proposal section")
        verbose_name_plural = _("proposal sections")
        ordering = ["call", "position", "pk"]

    def __str__(self):
        return self.heading

    @property
    def field_name(self) -> str:
        return f"section_{self.pk}"


class ReviewCriterion(models.Model):
    """What reviewers score, from 0 to max_score, and how much it weighs in the total."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(
        _("weight"), validators=[MinValueValidator(1), MaxValueValidator(100)], help_text=_("Relative weight, 1–100.")
    )
    max_score = models.PositiveSmallIntegerField(
        _("highest score"), default=5, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ["call", "position", "pk"]
        constraints = [models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive")]

    def __str__(self):
        return self.title
