import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from common.widgets import NamesSelect
from members.models import FocusArea, Organisation

from .enums import ChallengeStatus, ResourceKind
from .models import Challenge, Reply, Resource
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
