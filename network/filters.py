import django_filters
from django.utils.translation import gettext_lazy as _

from common.widgets import NamesSelect
from members.models import FocusArea, Organisation

from .enums import ChallengeStatus, ResourceKind
from .models import Challenge, Resource
from .search import search

SORTS = {
    "newest": ["-created_at"],
    "active": ["-last_activity_at"],
    "unanswered": ["reply_count", "-created_at"],
}


class ChallengeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search_text")
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), field_name="themes", queryset=FocusArea.objects.all(), to_field_name="slug"
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.all(), to_field_name="slug", widget=NamesSelect
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
            queryset = queryset.filter(reply_count=0, status=ChallengeStatus.OPEN)
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
