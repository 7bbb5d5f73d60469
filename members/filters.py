import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.widgets import NamesSelect

from .enums import AffiliationRole, OfferCategory, OfferKind, OrganisationKind, OrganisationStatus, StakeholderType
from .models import ExpertiseTag, FocusArea, Offer, Organisation, Region, RightsholderGroup, User


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    focus_area = django_filters.ModelChoiceFilter(
        label=_("Focus area"), field_name="focus_areas", queryset=FocusArea.objects.all(), to_field_name="slug"
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), field_name="regions", queryset=Region.objects.all(), to_field_name="slug"
    )
    rightsholder_group = django_filters.ModelChoiceFilter(
        label=_("Rightsholder group"),
        field_name="rightsholder_groups",
        queryset=RightsholderGroup.objects.all(),
        to_field_name="slug",
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrganisationKind.choices)
    social_enterprise = django_filters.ChoiceFilter(
        label=_("Social enterprise"),
        choices=[("yes", _("Runs a social enterprise"))],
        empty_label=_("All organisations"),
        method="runs_social_enterprise",
    )
    stakeholder_type = django_filters.ChoiceFilter(label=_("Stakeholder type"), choices=StakeholderType.choices)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=OrganisationStatus.choices, empty_label=_("Active and former")
    )
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=[("name", "name"), ("joined_on", "joined"), ("staff_size", "staff")],
        field_labels={
            "name": _("Name A–Z"),
            "-name": _("Name Z–A"),
            "-joined": _("Newest members"),
            "joined": _("Longest members"),
            "-staff": _("Largest staff"),
            "staff": _("Smallest staff"),
        },
        empty_label=_("Name A–Z"),
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(acronym__icontains=value) | Q(mission__icontains=value))

    def runs_social_enterprise(self, queryset, name, value):
        return queryset.filter(runs_social_enterprise=True) if value == "yes" else queryset

    def filter_queryset(self, queryset):
        # Filtering on a many-to-many relation can repeat a row; the directory lists each organisation once.
        return super().filter_queryset(queryset).distinct()


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        field_name="affiliations__organisation",
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        widget=NamesSelect,
    )
    expertise = django_filters.ModelChoiceFilter(
        label=_("Expertise"), queryset=ExpertiseTag.objects.all(), to_field_name="slug", widget=NamesSelect
    )
    language = django_filters.CharFilter(label=_("Speaks"), field_name="languages", lookup_expr="icontains")
    role = django_filters.ChoiceFilter(
        label=_("Role in their organisation"), field_name="affiliations__role", choices=AffiliationRole.choices
    )

    class Meta:
        model = User
        fields: list[str] = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(display_name__icontains=value)
            | Q(bio__icontains=value)
            | Q(affiliations__position__icontains=value)
            | Q(affiliations__organisation__name__icontains=value)
        )

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()


class OfferFilter(django_filters.FilterSet):
    """The marketplace's filters: words, what is listed, its category, a province and a group served."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Listing"), choices=OfferKind.choices, empty_label=_("Offers and needs"))
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=OfferCategory.choices, empty_label=_("All categories")
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Province served"),
        queryset=Region.objects.all(),
        to_field_name="slug",
        method="serves_province",
        empty_label=_("All provinces"),
    )
    rightsholder_group = django_filters.ModelChoiceFilter(
        label=_("Rightsholder group served"),
        empty_label=_("All groups"),
        field_name="rightsholder_groups",
        queryset=RightsholderGroup.objects.all(),
        to_field_name="slug",
    )

    class Meta:
        model = Offer
        fields: list[str] = []

    def search(self, queryset, name, value):
        value = value.strip()[:100]
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(description__icontains=value)
            | Q(organisation__name__icontains=value)
            | Q(organisation__acronym__icontains=value)
        )

    def serves_province(self, queryset, name, value):
        # An offer for the whole country serves every province.
        return queryset.filter(Q(regions=value) | Q(serves_whole_country=True)) if value else queryset

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()
