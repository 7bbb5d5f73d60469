"""Lessons learned from cases. A small group analyses a case study (an answered challenge kept in the resource
centre) and records the lessons it draws as short statements, tagged by theme and linked to their cases; the
lessons register lists them across the network, and a meeting's agenda item can present a set of them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CaseAnalysis(models.Model):
    """A small group that analyses one case study together."""

    case = models.ForeignKey("network.Resource", on_delete=models.CASCADE, related_name="analyses")
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("group"), related_name="case_analyses")
    question = models.CharField(_("what the group looks into"), max_length=300, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("case analysis")
        verbose_name_plural = _("case analyses")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.case)

    def get_absolute_url(self):
        return reverse("network:case_analysis_detail", args=[self.pk])


class Lesson(models.Model):
    statement = models.CharField(_("lesson"), max_length=300)
    detail = models.TextField(_("what it rests on"), max_length=2000, blank=True)
    themes = models.ManyToManyField("members.FocusArea", verbose_name=_("themes"), related_name="lessons")
    cases = models.ManyToManyField("network.Resource", verbose_name=_("cases"), related_name="lessons")
    analysis = models.ForeignKey(CaseAnalysis, null=True, blank=True, on_delete=models.SET_NULL, related_name="lessons")
    # The agenda items that presented this lesson (a foreign key points down: network knows events).
    presented_at = models.ManyToManyField("events.AgendaItem", blank=True, related_name="lessons")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.statement
