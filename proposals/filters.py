import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.widgets import NamesSelect
from communities.models import Community

from .enums import ProposalStatus
from .models import Call, Proposal


class ProposalFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ProposalStatus.choices, empty_label=_("All statuses")
    )
    call = django_filters.ModelChoiceFilter(
        label=_("Call"),
        queryset=Call.objects.order_by("-opens_at"),
        to_field_name="slug",
        empty_label=_("All calls"),
        widget=NamesSelect,
    )
    community = django_filters.ModelChoiceFilter(
        label=_("Community"),
        queryset=Community.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All communities"),
        widget=NamesSelect,
    )

    class Meta:
        model = Proposal
        fields: list[str] = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value))
