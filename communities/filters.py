import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.widgets import NamesSelect
from members.models import FocusArea, Organisation, RightsholderGroup

from .models import Community


class CommunityFilter(django_filters.FilterSet):
    """The directory's filters. A value it does not know is left out, and the form says so."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), field_name="themes", queryset=FocusArea.objects.all(), to_field_name="slug"
    )
    rightsholder_group = django_filters.ModelChoiceFilter(
        label=_("Rightsholder group"),
        field_name="rightsholder_groups",
        queryset=RightsholderGroup.objects.all(),
        to_field_name="slug",
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Member organisation"),
        field_name="organisations",
        # Only organisations that are in some community: the others would always find nothing.
        queryset=Organisation.objects.filter(community_links__isnull=False).distinct().order_by("name"),
        to_field_name="slug",
        widget=NamesSelect,
    )

    class Meta:
        model = Community
        fields: list[str] = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value) | Q(purpose__icontains=value))

    def filter_queryset(self, queryset):
        # Filtering on a many-to-many relation can repeat a row; the directory lists each community once.
        return super().filter_queryset(queryset).distinct()
