import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from common.widgets import DateInput, NamesSelect
from members.models import FocusArea, Organisation

from .enums import ChallengeStatus, ResourceKind
from .models import Challenge, FundingOpportunity, Reply, Resource
from .models.funding import today
from .search import search

SORTS = {
    "newest": ["-created_at"],
    "active": ["-last_activity_at"],
    "unanswered": ["-created_at"],  # every one has no reply
}


class ChallengeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search_text")
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), field_name="themes", queryset=FocusArea.objects.all(), to_field_name="slug"
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        # Only organisations that posted: a network has hundreds, and the others would find nothing.
        queryset=Organisation.objects.filter(Exists(Challenge.objects.filter(organisation=OuterRef("pk")))),
        to_field_name="slug",
        widget=NamesSelect,
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ChallengeStatus.choices)

    class Meta:
        model = Challenge
        fields: list[str] = []

    def search_text(self, queryset, name, value):
        return search(queryset, value, plain_fields=["title", "body", "replies__body"])

    def sorted_qs(self, sort: str):
        """The filtered challenges in the order of the chosen tab; a search keeps its relevance order."""
        queryset = self.qs  # validates the form
        if getattr(self.form, "cleaned_data", {}).get("q", "").strip():
            return queryset
        if sort == "unanswered":
            queryset = queryset.filter(
                ~Exists(Reply.objects.filter(challenge=OuterRef("pk"), is_hidden=False)), status=ChallengeStatus.OPEN
            )
        return queryset.order_by(*SORTS.get(sort, SORTS["newest"]))


class ResourceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search_text")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ResourceKind.choices)
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), field_name="themes", queryset=FocusArea.objects.all(), to_field_name="slug"
    )
    tag = django_filters.CharFilter(label=_("Tag"), field_name="tags", lookup_expr="icontains")

    class Meta:
        model = Resource
        fields: list[str] = []

    def search_text(self, queryset, name, value):
        return search(queryset, value, plain_fields=["title", "summary", "tags"])


class OpportunityFilter(django_filters.FilterSet):
    """Open opportunities by default; past ones stay findable with "closed" or "all"."""

    q = django_filters.CharFilter(label=_("Search"), method="search_text")
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), field_name="themes", queryset=FocusArea.objects.all(), to_field_name="slug"
    )
    deadline_before = django_filters.DateFilter(
        label=_("Deadline on or before"), field_name="deadline", lookup_expr="lte", widget=DateInput
    )
    amount_at_least = django_filters.NumberFilter(
        label=_("Grants of at least"),
        method="filter_amount",
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal", "min": "0"}),
    )
    when = django_filters.ChoiceFilter(
        label=_("Deadline"),
        choices=[("open", _("Still open")), ("closed", _("Closed")), ("all", _("All"))],
        empty_label=None,
        method="filter_when",
    )

    class Meta:
        model = FundingOpportunity
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not data.get("when"):
            data["when"] = "open"
        super().__init__(data, *args, **kwargs)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if "when" not in self.form.cleaned_data:  # a choice not understood: the open ones, as by default
            queryset = queryset.filter(deadline__gte=today())
        return queryset

    def search_text(self, queryset, name, value):
        words = value.split()[:10]
        for word in words:
            queryset = queryset.filter(Q(title__icontains=word) | Q(donor__icontains=word) | Q(summary__icontains=word))
        return queryset

    def filter_amount(self, queryset, name, value):
        # A grant of at least `value` is possible when the largest grant reaches it (or no ceiling is given).
        return queryset.filter(Q(amount_max__gte=value) | Q(amount_max__isnull=True, amount_min__gte=value))

    def filter_when(self, queryset, name, value):
        if value == "closed":
            return queryset.filter(deadline__lt=today())
        if value == "all":
            return queryset
        return queryset.filter(deadline__gte=today())
